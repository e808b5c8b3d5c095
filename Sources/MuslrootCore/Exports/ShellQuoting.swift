import Foundation

/// Quoting for each language the exports are written in, so that any path (spaces,
/// quotes, dollars, newlines) reaches the tool unchanged.
enum ShellQuoting {
    /// POSIX sh (also bash and zsh): single quotes, a quote as `'\''`.
    static func sh(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// fish: single quotes, in which only `\\` and `\'` are escapes.
    static func fish(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// One word for a tool that splits a variable like a shell does (bindgen's shlex):
    /// left as it is when it has nothing special, else sh-quoted.
    static func word(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-+=,:@%".unicodeScalars.contains(scalar)
        }
        return plain && !value.isEmpty ? value : sh(value)
    }

    /// A TOML basic string.
    static func toml(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A CMake quoted argument: `\`, `"`, `$` and `;` (the list separator) escaped.
    static func cmake(_ value: String) -> String {
        var out = "\""
        for character in value {
            switch character {
            case "\\", "\"", "$", ";": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A Meson machine-file string. Meson doubles every backslash of a machine file before it
    /// parses it (for Windows paths), so no escape works there (`\'` is "Malformed value" in
    /// Meson 0.61 and 1.0.1): the text goes in as it is, between `'''` when it holds a `'`
    /// (such a path cannot end with `'` or hold `'''`, nor there a backslash, which doubles).
    static func meson(_ value: String) -> String {
        value.contains("'") ? "'''\(value)'''" : "'\(value)'"
    }
}

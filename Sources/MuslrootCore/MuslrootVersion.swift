public enum MuslrootVersion {
    public static let current = "0.1.0"
}

#!/bin/sh
# A scratch PostgreSQL server for the libpq tests, from Debian's postgresql package:
#   postgres.sh start DIR    initdb in DIR/data, a self-signed certificate, the server on
#                            127.0.0.1 (a free port; TCP only with TLS) and a Unix socket in
#                            DIR/socket; prints the port
#   postgres.sh stop DIR     pg_ctl stop -m immediate
# initdb and the server refuse to run as root: as root they run as nobody, and DIR is
# opened to them.
set -eu
command=$1 dir=$2
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
case $command in
start)
    if [ "$(id -u)" -eq 0 ]; then chmod 755 "$dir"; mkdir -p "$dir/pg"; chown nobody "$dir/pg"; else mkdir -p "$dir/pg"; fi
    cd "$dir/pg"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_server "$bin/initdb" -D data -U muslroot --auth=trust --no-sync > initdb.log 2>&1 || { cat initdb.log >&2; exit 1; }
    as_server openssl req -x509 -newkey rsa:2048 -nodes -keyout data/server.key -out data/server.crt -days 2 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 > /dev/null 2>&1
    as_server chmod 600 data/server.key
    mkdir -p socket && { [ "$(id -u)" -ne 0 ] || chown nobody socket; }
    # Unix socket: trust; TCP: TLS only (hostssl), so a connection without TLS is refused.
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n' > hba.conf
    as_server "$bin/pg_ctl" start -D data -w -t 60 -l server.log -o "-c listen_addresses=127.0.0.1 -c port=$port \
        -c unix_socket_directories='$dir/pg/socket' -c ssl=on -c hba_file='$dir/pg/hba.conf' -c fsync=off" > /dev/null \
        || { cat server.log >&2; exit 1; }
    echo "$port"
    ;;
stop)
    [ -d "$dir/pg/data" ] && as_server "$bin/pg_ctl" stop -D "$dir/pg/data" -m immediate > /dev/null 2>&1 || true
    ;;
esac

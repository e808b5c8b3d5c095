/* libpq (the libpq recipe), linked statically: connects with the connection string given
 * (TCP with sslmode=require, or a Unix socket directory), creates a table, inserts rows with
 * parameters and reads them back. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGresult *run(PGconn *db, const char *sql, int count, const char *const *values, ExecStatusType expect) {
    PGresult *result = PQexecParams(db, sql, count, NULL, values, NULL, NULL, 0);
    if (PQresultStatus(result) != expect) {
        printf("FAIL: %s: %s", sql, PQerrorMessage(db));
        exit(1);
    }
    return result;
}

int main(int argc, char **argv) {
    if (argc < 2) { fputs("usage: pq CONNINFO\n", stderr); return 2; }
    PGconn *db = PQconnectdb(argv[1]);
    if (PQstatus(db) != CONNECTION_OK) {
        printf("FAIL: connect: %s", PQerrorMessage(db));
        return 1;
    }
    PQclear(run(db, "CREATE TEMPORARY TABLE fruit (id integer PRIMARY KEY, name text NOT NULL)", 0, NULL, PGRES_COMMAND_OK));
    const char *rows[][2] = {{"1", "apple"}, {"2", "pear"}, {"3", "quince"}};
    for (int i = 0; i < 3; i++)
        PQclear(run(db, "INSERT INTO fruit VALUES ($1, $2)", 2, rows[i], PGRES_COMMAND_OK));
    PGresult *result = run(db, "SELECT count(*), sum(id), string_agg(name, ',' ORDER BY id) FROM fruit", 0, NULL, PGRES_TUPLES_OK);
    const char *ssl = PQsslInUse(db) ? PQsslAttribute(db, "protocol") : "off";
    const char *socket = PQhost(db)[0] == '/' ? "unix socket" : "tcp";
    printf("pq ok: %s, ssl %s, server %d, %s rows, sum %s, \"%s\" (libpq %d)\n", socket, ssl, PQserverVersion(db),
           PQgetvalue(result, 0, 0), PQgetvalue(result, 0, 1), PQgetvalue(result, 0, 2), PQlibVersion());
    PQclear(result);
    PQfinish(db);
    return 0;
}

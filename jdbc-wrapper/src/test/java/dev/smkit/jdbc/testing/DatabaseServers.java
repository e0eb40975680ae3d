package dev.smkit.jdbc.testing;

/** SQL quoting and secret JSON shared by the server fixtures. */
final class DatabaseServers {

    static final String POSTGRES_ADMIN_DATABASE = "postgres";

    private DatabaseServers() {
    }

    /** A SQL string literal; works for PostgreSQL (standard_conforming_strings) and MariaDB. */
    static String literal(String text) {
        if (text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("backslashes are not supported in test user names or passwords");
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** User names become quoted identifiers; refuse anything that could break out of the quotes. */
    static String identifier(String name) {
        if (!name.matches("[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException("unsupported test user name: " + name);
        }
        return name;
    }

    static String secretJson(DatabaseServer server, String user, String password) {
        return SecretJson.object()
                .with("engine", server.engine())
                .with("host", server.host())
                .with("port", server.port())
                .with("dbname", server.database())
                .with("username", user)
                .with("password", password)
                .toJson();
    }
}

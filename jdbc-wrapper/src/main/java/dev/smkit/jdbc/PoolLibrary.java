package dev.smkit.jdbc;

/**
 * What the pool integrations (HikariCP, c3p0) share about the pool library they drive: a clear message when it is
 * missing, and a pool name every library accepts.
 */
public final class PoolLibrary {

    private PoolLibrary() {
    }

    /**
     * Fails with a message naming the library and its Maven coordinates when {@code className} cannot be loaded, instead
     * of a NoClassDefFoundError later.
     *
     * @throws IllegalStateException naming {@code library} and {@code coordinates}
     */
    public static void require(String className, String library, String coordinates) {
        try {
            Class.forName(className, false, PoolLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(library + " is not on the class path (" + className + " not found): add "
                    + coordinates + " to use this factory", e);
        }
    }

    /**
     * {@code smkit-} and the secret's name: for an ARN the part after {@code :secret:}, and in any case with the
     * characters that JMX object names reserve ({@code : = , * ? " \} and line breaks) replaced by {@code _}, so a pool
     * that registers MBeans (HikariCP's {@code registerMbeans}) accepts it.
     */
    public static String poolName(String secretId) {
        String name = secretId;
        int secretPart = name.indexOf(":secret:");
        if (name.startsWith("arn:") && secretPart >= 0) {
            name = name.substring(secretPart + ":secret:".length());
        }
        StringBuilder safe = new StringBuilder("smkit-");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            safe.append(":=,*?\"\\\n\r".indexOf(c) >= 0 ? '_' : c);
        }
        return safe.toString();
    }
}

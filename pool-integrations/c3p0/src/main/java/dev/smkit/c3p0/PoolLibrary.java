package dev.smkit.c3p0;

/** Turns a missing optional pool library into a clear message instead of a NoClassDefFoundError later. */
final class PoolLibrary {

    private PoolLibrary() {
    }

    static void require(String className, String library, String coordinates) {
        try {
            Class.forName(className, false, PoolLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(library + " is not on the class path (" + className + " not found): add "
                    + coordinates + " to use this factory", e);
        }
    }
}

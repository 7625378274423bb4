package hudson;

import java.util.AbstractList;

/** Compile-only declaration of Jenkins core {@code hudson.ExtensionList} (2.479.3). Bodies throw. */
public class ExtensionList<T> extends AbstractList<T> {
    private ExtensionList() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}

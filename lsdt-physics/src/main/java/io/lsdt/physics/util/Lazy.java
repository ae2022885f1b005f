package io.lsdt.physics.util;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built once, on first use, by any thread: the shipped registry, catalogs and presets. A build that throws
 * is not remembered, so the next call tries again and reports the same error (a holder class would turn it into an
 * {@code ExceptionInInitializerError} and then a {@code NoClassDefFoundError}).
 *
 * @param <T> the value's type
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T value;

    private Lazy(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /**
     * A value built on first use and kept.
     *
     * @param build how to build the value (called at most once successfully)
     * @param <T> the value's type
     * @return the lazy value
     */
    public static <T> Lazy<T> of(Supplier<T> build) {
        return new Lazy<>(build);
    }

    /** @return the value, built on the first call (double-checked locking on a volatile field) */
    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(build.get(), "built value");
                    value = v;
                }
            }
        }
        return v;
    }
}

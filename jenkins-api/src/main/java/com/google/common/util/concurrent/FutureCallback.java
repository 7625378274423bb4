package com.google.common.util.concurrent;

/**
 * Compile-only declaration of Guava {@code com.google.common.util.concurrent.FutureCallback}
 * (33.3.0-jre, the version bundled by Jenkins core 2.479.3). Declared only because
 * {@code StepContext.onFailure(Throwable)} is inherited from it.
 */
public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}

package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only declaration of workflow-step-api {@code StepContext} (704.ve4f0967e98fa_).
 * {@code onFailure(Throwable)} is inherited from Guava's {@link FutureCallback}, as upstream.
 * Only the members the plugin calls are declared (the plugin never implements StepContext).
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);
}

package hudson;

import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** Compile-only declaration of Jenkins core {@code hudson.Proc} (2.479.3). Bodies throw. */
public abstract class Proc {
    protected Proc() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();

    public final int joinWithTimeout(final long timeout, final TimeUnit unit,
            final TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}

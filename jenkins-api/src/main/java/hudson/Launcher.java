package hudson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Compile-only declaration of Jenkins core {@code hudson.Launcher} (2.479.3). Bodies throw. */
public abstract class Launcher {
    // Upstream constructors are protected Launcher(TaskListener, VirtualChannel) / Launcher(Launcher);
    // the plugin neither constructs nor extends Launcher, so its abstract methods are not declared either.
    private Launcher() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    /** Upstream: a non-static inner class. */
    public final class ProcStarter {
        private ProcStarter() {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter stdout(OutputStream out) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public ProcStarter stderr(OutputStream err) {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        public Proc start() throws IOException {
            throw new UnsupportedOperationException("compile-only declaration");
        }

    }

    public final ProcStarter launch() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}

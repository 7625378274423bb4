package hudson.model;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Compile-only declaration of Jenkins core {@code hudson.model.TaskListener} (2.479.3). Bodies throw. */
public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();

}

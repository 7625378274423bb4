package io.jenkins.plugins.secmlops;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * Which Java starts the worker: {@code $JAVA_HOME/bin/java} when the step's environment sets
 * {@code JAVA_HOME} (a {@code tool} or {@code withEnv} block, a container image), else {@code java} from the
 * step's {@code PATH}. Where no {@code java} is on the {@code PATH} of a plain agent, the agent JVM's own
 * Java is the last resort. Inside containers only the first two exist.
 */
final class WorkerJava {
    static final String JAVA_HOME = "JAVA_HOME";

    private WorkerJava() {
    }

    /** The Java named by the step's environment. */
    static String fromEnvironment(EnvVars environment, String separator) {
        return javaHome(environment).map(home -> stripSeparator(home, separator) + separator + "bin" + separator
                + "java").orElse("java");
    }

    /** Whether the step's environment names a Java home. */
    static Optional<String> javaHome(EnvVars environment) {
        String home = environment == null ? null : environment.get(JAVA_HOME);
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(home.trim());
    }

    private static String stripSeparator(String home, String separator) {
        return home.endsWith(separator) && home.length() > 1 ? home.substring(0, home.length() - 1) : home;
    }

    /** The agent JVM's own Java, for agents without {@code java} on the {@code PATH}. */
    static String ofAgent(FilePath workspace) throws java.io.IOException, InterruptedException {
        return workspace.act(new AgentJava());
    }

    private static final class AgentJava extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File file, VirtualChannel channel) {
            return new File(new File(System.getProperty("java.home"), "bin"), "java").getPath();
        }
    }
}

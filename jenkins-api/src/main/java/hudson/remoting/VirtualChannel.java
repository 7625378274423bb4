package hudson.remoting;

/** Compile-only declaration of remoting {@code hudson.remoting.VirtualChannel} (3261.v9c670a_4748a_9); no members are used by the plugin. */
public interface VirtualChannel {
}

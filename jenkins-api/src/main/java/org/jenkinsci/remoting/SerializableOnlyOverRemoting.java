package org.jenkinsci.remoting;

import java.io.Serializable;

/** Compile-only declaration of remoting {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting} (3261.v9c670a_4748a_9). */
public interface SerializableOnlyOverRemoting extends Serializable {
}

package org.secmlops.core.sign;

import java.nio.file.Path;

/** Gives tests in other packages a fresh key pair. */
public final class SignFixturesAccess {
    private SignFixturesAccess() {
    }

    /** A new P-256 key pair written to {@code dir}: {@code [private key, public key]}. */
    public static Path[] keyPair(Path dir) throws Exception {
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(dir, "secp256r1", false);
        return new Path[] {keys.privateKey(), keys.publicKey()};
    }
}

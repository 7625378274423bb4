package org.secmlops.core.sign;

import java.util.Objects;

/**
 * One reason a model does not verify.
 *
 * @param kind    what is wrong
 * @param path    the model file concerned, relative to the model root with {@code /}; empty when the problem
 *                is not about one file (a bad signature, a malformed bundle)
 * @param message one sentence for the report and the build log
 */
public record VerificationProblem(Kind kind, String path, String message) {
    public VerificationProblem {
        Objects.requireNonNull(kind, "kind");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    /** What is wrong. */
    public enum Kind {
        /** A signed file's content differs from its signed digest. */
        CHANGED_FILE(true),
        /** A signed file is not in the model. */
        MISSING_FILE(true),
        /** A file of the model is not signed and not ignored. */
        EXTRA_FILE(true),
        /** A symbolic link or special file where the signature allows none. */
        UNSUPPORTED_FILE(true),
        /** A file could not be read. */
        UNREADABLE_FILE(true),
        /** The signature file is missing. */
        MISSING_SIGNATURE(false),
        /** The signature file is not a well-formed OMS Sigstore bundle. */
        MALFORMED_BUNDLE(false),
        /** The signed statement is not a valid OMS statement (wrong predicate type, inconsistent digest). */
        INVALID_PAYLOAD(false),
        /** The bundle names a different public key than the one given. */
        WRONG_KEY(false),
        /** The DSSE signature does not verify with the public key. */
        BAD_SIGNATURE(false),
        /** A valid bundle that this verifier cannot check (certificate or Sigstore method, other hash). */
        UNSUPPORTED(false),
        /** A required gate attestation is missing, invalid, for another model, or shows a gate not passed. */
        GATES_NOT_PASSED(false);

        private final boolean aboutFile;

        Kind(boolean aboutFile) {
            this.aboutFile = aboutFile;
        }

        /** Whether the problem is about one model file (and counts in {@code FILES_FAILED}). */
        public boolean aboutFile() {
            return aboutFile;
        }
    }
}

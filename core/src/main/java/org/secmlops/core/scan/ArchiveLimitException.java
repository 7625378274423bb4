package org.secmlops.core.scan;

import java.io.IOException;

/** An archive went past a {@link ScanLimits} limit while being read; reading it stops. */
final class ArchiveLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    ArchiveLimitException(String message) {
        super(message);
    }
}

package org.secmlops.core.export;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Turns scan paths into the URI references SARIF's {@code artifactLocation.uri} holds. */
final class SarifUris {
    private SarifUris() {
    }

    /**
     * A relative path with {@code /} separators as a relative URI reference: every character that a URI path
     * cannot hold (spaces, {@code %}, {@code ?}, {@code #}, non-ASCII) is percent-encoded, and a first segment
     * with a colon is prefixed with {@code ./} so that it is not read as a scheme.
     */
    static String relative(String path) {
        String safe = path;
        int slash = safe.indexOf('/');
        String first = slash < 0 ? safe : safe.substring(0, slash);
        if (first.contains(":")) {
            safe = "./" + safe;
        }
        try {
            return new URI(null, null, safe, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express " + path + " as a URI: " + e.getMessage(), e);
        }
    }

    /**
     * The folder as a base URI ending in {@code /}: a relative reference when the folder is a relative path that
     * stays below the working directory (resolved against {@code %SRCROOT%}, the checkout), else an absolute
     * {@code file:} URI.
     */
    static Base base(Path folder) {
        Path normalized = folder.normalize();
        if (!normalized.isAbsolute() && !normalized.startsWith("..")) {
            String text = normalized.toString().replace('\\', '/');
            return new Base(text.isEmpty() ? "./" : relative(text) + "/", "%SRCROOT%");
        }
        String uri = normalized.toAbsolutePath().toUri().toASCIIString();
        return new Base(uri.endsWith("/") ? uri : uri + "/", null);
    }

    /** A base URI and, for a relative one, the base it is relative to. */
    record Base(String uri, String uriBaseId) {
    }
}

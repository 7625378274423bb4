package org.secmlops.cli;

/** The version of this build of SecMLOps, from the jar manifest. */
final class Version {
    private Version() {
    }

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}

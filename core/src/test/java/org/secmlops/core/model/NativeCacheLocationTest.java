package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCacheLocationTest {
    @TempDir
    Path root;

    @Test
    void shouldUseTheHomeFolderWhereItCanHoldTheCache() throws Exception {
        Path home = Files.createDirectory(root.resolve("home"));

        assertThat(NativeCacheLocation.choose(home, root.resolve("tmp"), "jenkins"))
                .isEqualTo(home.resolve(".secmlops/native"));
    }

    @Test
    void shouldUseAPrivateFolderInTheTemporaryDirectoryWhenTheHomeCannotHoldIt() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("home-is-a-file"), "x");
        Path temporary = Files.createDirectory(root.resolve("tmp"));

        Path chosen = NativeCacheLocation.choose(notAFolder.resolve("nobody"), temporary, "1000680000");

        assertThat(chosen).isEqualTo(temporary.resolve("secmlops-native-1000680000")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen))).isEqualTo("rwx------");
        assertThat(NativeCacheLocation.choose(notAFolder.resolve("nobody"), temporary, "1000680000"))
                .as("the next run").isEqualTo(chosen);
    }

    @Test
    void shouldNotUseAFolderOthersCanWriteOrALinkPlantedUnderItsName() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("home-is-a-file"), "x");
        Path temporary = Files.createDirectory(root.resolve("tmp"));
        Path planted = Files.createDirectory(temporary.resolve("secmlops-native-ci"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path elsewhere = Files.createDirectory(root.resolve("attacker"));
        Files.createSymbolicLink(temporary.resolve("secmlops-native-build"), elsewhere);

        Path forCi = NativeCacheLocation.choose(notAFolder, temporary, "ci");
        Path forBuild = NativeCacheLocation.choose(notAFolder, temporary, "build");

        assertThat(forCi).isNotEqualTo(planted).startsWith(temporary);
        assertThat(forBuild).isNotEqualTo(temporary.resolve("secmlops-native-build")).startsWith(temporary);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(forCi))).isEqualTo("rwx------");
    }
}

package org.secmlops.core.sign;

import java.nio.file.Path;
import java.util.List;
import org.secmlops.core.capability.sign.EcCurve;

/**
 * What was signed.
 *
 * @param signature     the signature bundle written
 * @param manifest      the signed manifest (resources, serialization, model name)
 * @param files         the signed files with their sizes, in name order
 * @param ignored       files and directories left out (directories end in {@code /})
 * @param curve         the key's curve
 * @param keyHint       the public key's hint as written in the bundle
 * @param attestation   the gate attestation written, or {@code null}
 * @param attested      the capabilities of the attested results, in order
 */
public record SignReport(Path signature, ModelManifest manifest, List<SignedFile> files, List<String> ignored,
        EcCurve curve, String keyHint, Path attestation, List<String> attested) {
    public SignReport {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
        attested = List.copyOf(attested);
    }

    /** One signed file. */
    public record SignedFile(String name, long size) {
    }

    public int filesSigned() {
        return files.size();
    }

    public long bytesSigned() {
        return files.stream().mapToLong(SignedFile::size).sum();
    }
}

package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.capability.scan.Severity;

class ScanPolicyTest {

    @TempDir
    Path dir;

    private Path policy(String json) {
        return write(dir, "policy.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDenyDangerousGlobalsAndAllowBenignOnesByDefault() {
        ScanPolicy p = ScanPolicy.defaults();

        assertThat(p.pickleGlobal("os", "system").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("posix", "system").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("subprocess", "Popen").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("builtins", "getattr").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("__builtin__", "eval").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("operator", "attrgetter").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("os.path", "join").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("torch._utils", "_rebuild_tensor_v2").allowed()).isTrue();
        assertThat(p.pickleGlobal("collections", "OrderedDict").allowed()).isTrue();
        assertThat(p.pickleGlobal("numpy.core.multiarray", "_reconstruct").allowed()).isTrue();
        assertThat(p.pickleGlobal("builtins", "set").allowed()).isTrue();
        assertThat(p.pickleGlobal("sklearn.linear_model._base", "LinearRegression").allowed()).isTrue();
        assertThat(p.pickleGlobal("mypkg", "Thing")).isNull();
        assertThat(p.savedModelOp("WriteFile").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.savedModelOp("MatMul")).isNull();
        assertThat(p.kerasLayer("Lambda").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldAllowTorchScriptConstantBuildersButNotTheRestOfTorchJit() {
        ScanPolicy p = ScanPolicy.defaults();

        assertThat(p.pickleGlobal("torch.jit._pickle", "build_intlist").allowed()).isTrue();
        assertThat(p.pickleGlobal("torch.jit._pickle", "restore_type_tag").allowed()).isTrue();
        assertThat(p.pickleGlobal("torch.jit", "load").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("torch.jit._pickle", "something_else").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldLetUserEntriesOverrideDefaults() throws Exception {
        ScanPolicy p = ScanPolicy.defaults().extendedWith(policy("""
                {"pickle": {"allow": ["os.system", "mypkg.*"], "deny": {"sklearn.evil": "high"}},
                 "savedModelOps": {"allow": ["ReadFile"], "deny": {"DecodeProtoV2": "LOW"}},
                 "kerasLayers": {"deny": {"Lambda": "MEDIUM"}}}
                """));

        assertThat(p.pickleGlobal("os", "system").allowed()).isTrue();
        assertThat(p.pickleGlobal("os", "popen").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("mypkg.sub", "Model").allowed()).isTrue();
        assertThat(p.pickleGlobal("sklearn", "evil").severity()).isEqualTo(Severity.HIGH);
        assertThat(p.savedModelOp("ReadFile").allowed()).isTrue();
        assertThat(p.savedModelOp("DecodeProtoV2").severity()).isEqualTo(Severity.LOW);
        assertThat(p.kerasLayer("Lambda").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(ScanPolicy.defaults().pickleGlobal("os", "system").severity()).isEqualTo(Severity.CRITICAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"pickle\": {\"allow\": [\"os.system\"]",
        "[1, 2]",
        "{\"pickels\": {}}",
        "{\"pickle\": {\"allow\": \"os.system\"}}",
        "{\"pickle\": {\"allow\": [42]}}",
        "{\"pickle\": {\"deny\": {\"os.system\": \"SEVERE\"}}}",
        "{\"pickle\": {\"deny\": {\"os.system\": 3}}}",
        "{\"pickle\": {\"permit\": []}}",
        "{\"pickle\": {\"allow\": [\"*.system\"]}}",
        "{\"savedModelOps\": {\"allow\": [\"Read.*\"]}}",
        "{\"pickle\": {\"allow\": [\"\"]}}"
    })
    void shouldRejectMalformedPolicyJson(String json) {
        Path file = policy(json);

        assertThatThrownBy(() -> ScanPolicy.defaults().extendedWith(file))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void shouldExplainAnInvalidSeverity() {
        Path file = policy("{\"pickle\": {\"deny\": {\"os.system\": \"SEVERE\"}}}");

        assertThatThrownBy(() -> ScanPolicy.defaults().extendedWith(file))
                .hasMessageContaining("pickle.deny['os.system']")
                .hasMessageContaining("CRITICAL, HIGH, MEDIUM, LOW");
    }

    @Test
    void shouldReportAMissingPolicyFile() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> ScanPolicy.defaults().extendedWith(missing))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("nope.json");
    }
}

package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No output of any command ever replaces an input or a file of the user's: planted symbolic links in the report
 * directory, outputs that name inputs, and outputs that name each other are refused before any work, and the
 * victim files stay byte for byte as they were.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream err = console.err();

    private static byte[] hostile(int seed) {
        byte[] bytes = new byte[2048];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private Path csv(String name) throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 120; i++) {
            int label = i % 2;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%d%n", random.nextGaussian() + 4 * label,
                    random.nextGaussian(), label));
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, csv.toString());
    }

    private int dataCheck(Path data, Path reportDir, String... more) {
        List<String> args = new ArrayList<>(List.of("data-check", "--data", data.toString(), "--label-column", "label",
                "--folds", "2", "--report-dir", reportDir.toString()));
        args.addAll(List.of(more));
        return SecMLOpsCli.execute(args.toArray(String[]::new));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void plantedReportLinksToTheDataShouldBeRefusedAndTheDataLeftAlone() throws Exception {
        Path data = csv("data.csv");
        byte[] before = Files.readAllBytes(data);
        for (String planted : new String[] {"report.html", "result.json", "sample-scores.csv"}) {
            Path reportDir = Files.createDirectories(dir.resolve("r-" + planted));
            Files.createSymbolicLink(reportDir.resolve(planted), data);

            int exit = dataCheck(data, reportDir);

            assertThat(exit).as(planted).isEqualTo(ExitCode.USAGE_ERROR.code());
            assertThat(errors()).contains(reportDir.resolve(planted) + " is an input of this run (--data " + data);
            assertThat(Files.readAllBytes(data)).isEqualTo(before);
            assertThat(names(reportDir)).as("nothing written").containsExactly(planted);
        }
    }

    @Test
    void plantedLinksToOtherFilesShouldBeRefusedAndTheirTargetsLeftAlone() throws Exception {
        Path data = csv("data.csv");
        byte[] secret = hostile(1);
        Path victim = Files.write(dir.resolve("victim.bin"), secret);
        for (String planted : new String[] {"report.html", "result.json", "sample-scores.csv"}) {
            Path reportDir = Files.createDirectories(dir.resolve("r-" + planted));
            Files.createSymbolicLink(reportDir.resolve(planted), victim);

            int exit = dataCheck(data, reportDir);

            assertThat(exit).as(planted).isEqualTo(ExitCode.INPUT_ERROR.code());
            assertThat(errors()).contains(reportDir.resolve(planted) + " is a symbolic link to " + victim,
                    "refusing to overwrite it");
            assertThat(Files.readAllBytes(victim)).isEqualTo(secret);
            assertThat(names(reportDir)).containsExactly(planted);
        }
    }

    @Test
    void aLinkToAnEarlierOutputShouldBeReplacedByTheNewFileAndTheEarlierOutputKept() throws Exception {
        Path data = csv("data.csv");
        Path earlier = dir.resolve("earlier");
        assertThat(dataCheck(data, earlier)).isBetween(0, 2);
        byte[] earlierScores = Files.readAllBytes(earlier.resolve("sample-scores.csv"));
        byte[] earlierReport = Files.readAllBytes(earlier.resolve("report.html"));
        Path reportDir = Files.createDirectories(dir.resolve("r"));
        Files.createSymbolicLink(reportDir.resolve("sample-scores.csv"), earlier.resolve("sample-scores.csv"));
        Files.createSymbolicLink(reportDir.resolve("report.html"), earlier.resolve("report.html"));

        assertThat(dataCheck(data, reportDir)).isBetween(0, 2);

        assertThat(Files.isSymbolicLink(reportDir.resolve("sample-scores.csv"))).isFalse();
        assertThat(Files.isSymbolicLink(reportDir.resolve("report.html"))).isFalse();
        assertThat(Files.readAllLines(reportDir.resolve("sample-scores.csv"))).hasSize(121);
        assertThat(Files.readAllBytes(earlier.resolve("sample-scores.csv"))).isEqualTo(earlierScores);
        assertThat(Files.readAllBytes(earlier.resolve("report.html"))).isEqualTo(earlierReport);
        assertThat(names(reportDir)).containsExactly("junit.xml", "report.html", "result.json", "sample-scores.csv");
    }

    @Test
    void dataNamedLikeAnOutputInTheReportDirectoryShouldBeRefused() throws Exception {
        Path reportDir = dir.resolve("r");
        Path data = csv("r/sample-scores.csv");
        byte[] before = Files.readAllBytes(data);

        int exit = dataCheck(data, reportDir);

        assertThat(exit).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("--report-dir " + reportDir.resolve("sample-scores.csv")
                + " is an input of this run (--data");
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
    }

    @Test
    void manifestAndCleanedCopyShouldNeverReplaceFilesOfTheUserOrEachOther() throws Exception {
        Path data = csv("data.csv");
        byte[] dataBefore = Files.readAllBytes(data);
        byte[] notes = hostile(2);
        Path victim = Files.write(dir.resolve("notes.md"), notes);
        Path other = Files.writeString(dir.resolve("other.csv"), "x,y,z\n1,2,3\n");
        Path reportDir = dir.resolve("r");

        int overNotes = dataCheck(data, reportDir, "--manifest-out", victim.toString());
        int cleanedOverNotes = dataCheck(data, reportDir, "--cleaned-out", victim.toString());
        int cleanedOverOtherCsv = dataCheck(data, reportDir, "--cleaned-out", other.toString());
        int same = dataCheck(data, reportDir, "--manifest-out", dir.resolve("out").toString(), "--cleaned-out",
                dir.resolve("sub/../out").toString());
        int overResult = dataCheck(data, reportDir, "--cleaned-out", reportDir.resolve("result.json").toString());
        int overData = dataCheck(data, reportDir, "--manifest-out", dir.resolve("./data.csv").toString());
        Files.createSymbolicLink(dir.resolve("link.json"), data);
        int throughLink = dataCheck(data, reportDir, "--manifest-out", dir.resolve("link.json").toString());

        assertThat(overNotes).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(cleanedOverNotes).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(cleanedOverOtherCsv).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(same).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(overResult).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(overData).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(throughLink).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("the data manifest path " + victim + " holds a file that is not a data manifest",
                "the cleaned copy path " + other + " holds a file that is not a cleaned copy",
                "--manifest-out " + dir.resolve("out") + " and --cleaned-out " + dir.resolve("sub/../out")
                        + " name the same file",
                "--report-dir " + reportDir.resolve("result.json") + " and --cleaned-out", "is an input of this run");
        assertThat(Files.readAllBytes(victim)).isEqualTo(notes);
        assertThat(Files.readString(other)).isEqualTo("x,y,z\n1,2,3\n");
        assertThat(Files.readAllBytes(data)).isEqualTo(dataBefore);
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void aRerunShouldReplaceItsOwnEarlierOutputs() throws Exception {
        Path data = csv("data.csv");
        Path reportDir = dir.resolve("r");
        String[] outputs = {"--manifest-out", dir.resolve("m.json").toString(), "--cleaned-out",
                dir.resolve("clean.csv").toString(), "--learner-cache", dir.resolve("cache.bin").toString()};

        int first = dataCheck(data, reportDir, outputs);
        int second = dataCheck(data, reportDir, outputs);

        assertThat(first).isBetween(0, 2);
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(dir.resolve("clean.csv"))).startsWith("a,b,label\n");
        assertThat(names(dir)).noneMatch(n -> n.endsWith(".tmp"));
        assertThat(names(reportDir)).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void everyCommandShouldRefuseAPlantedReportLinkAndLeaveItsTargetAlone() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{}");
        byte[] secret = hostile(5);
        Path victim = Files.write(dir.resolve("victim.bin"), secret);
        Path publicKey = Files.writeString(dir.resolve("key.pub"), SignCommandTest.P384_PUBLIC);
        Path key = Files.writeString(dir.resolve("key.pem"), SignCommandTest.P384_PRIVATE);
        Path data = csv("data.csv");
        String[][] commands = {
            {"scan", model.toString()},
            {"sign", model.toString(), "--key", key.toString(), "--signature", dir.resolve("m.sig").toString()},
            {"verify", model.toString(), "--public-key", publicKey.toString(), "--signature",
                dir.resolve("m.sig").toString()},
            {"evaluate", "--model", model.toString(), "--data", data.toString(), "--label-column", "label"},
            {"robustness", "--model", model.toString(), "--data", data.toString(), "--label-column", "label"},
        };
        for (String[] command : commands) {
            List<String> outputs = new ArrayList<>(List.of("result.json", "report.html", "junit.xml"));
            if (command[0].equals("scan")) {
                outputs.add("results.sarif");
            }
            for (String planted : outputs) {
                Path reportDir = Files.createDirectories(dir.resolve("r-" + command[0] + "-" + planted));
                Files.createSymbolicLink(reportDir.resolve(planted), victim);
                List<String> args = new ArrayList<>(List.of(command));
                args.addAll(List.of("--report-dir", reportDir.toString()));

                int exit = SecMLOpsCli.execute(args.toArray(String[]::new));

                assertThat(exit).as(command[0] + " " + planted).isEqualTo(ExitCode.INPUT_ERROR.code());
                assertThat(names(reportDir)).containsExactly(planted);
            }
        }
        assertThat(errors()).contains("is a symbolic link to " + victim).doesNotContain("internal error");
        assertThat(Files.readAllBytes(victim)).isEqualTo(secret);
        assertThat(dir.resolve("m.sig")).doesNotExist();
    }

    @Test
    void signShouldRefuseOutputsThatNameItsInputsOrEachOther() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(model.resolve("weights.bin"), hostile(3));
        Path key = Files.writeString(dir.resolve("key.pem"), SignCommandTest.P384_PRIVATE);
        Path result = Files.writeString(dir.resolve("result.json"), "{}");
        byte[] keyBefore = Files.readAllBytes(key);
        Path reportDir = dir.resolve("report");

        int overKey = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                key.toString(), "--report-dir", reportDir.toString());
        int sameOutputs = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                dir.resolve("model.sig").toString(), "--attest-gates", result.toString(), "--attestation",
                dir.resolve("model.sig").toString(), "--report-dir", reportDir.toString());
        int overResult = SecMLOpsCli.execute("sign", model.toString(), "--key", key.toString(), "--signature",
                dir.resolve("model.sig").toString(), "--attest-gates", result.toString(), "--attestation",
                result.toString(), "--report-dir", reportDir.toString());

        assertThat(overKey).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(sameOutputs).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(overResult).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("--signature " + key + " is an input of this run (--key",
                "--signature " + dir.resolve("model.sig") + " and --attestation " + dir.resolve("model.sig")
                        + " name the same file",
                "--attestation " + result + " is an input of this run (--attest-gates");
        assertThat(Files.readAllBytes(key)).isEqualTo(keyBefore);
        assertThat(Files.readString(result)).isEqualTo("{}");
        assertThat(dir.resolve("model.sig")).doesNotExist();
    }
}

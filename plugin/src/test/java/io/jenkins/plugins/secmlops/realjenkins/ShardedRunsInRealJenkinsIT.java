package io.jenkins.plugins.secmlops.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.testsupport.ExternalData;

/**
 * A robustness evaluation split over two executors of a real Jenkins 2.479.3: a {@code parallel} Pipeline runs
 * {@code evaluateRobustness shard: '1/2'} and {@code '2/2'}, {@code mergeSecMLOpsResults} merges them, and the merged
 * metrics equal those of the unsharded run in the same build.
 */
class ShardedRunsInRealJenkinsIT {
    private static final Path HPI = Path.of(System.getProperty("hpi.file", "target/secmlops.hpi")).toAbsolutePath();
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static RealJenkins jenkins;

    @BeforeAll
    static void startJenkins() throws Exception {
        Path distribution = ExternalData.shared("jenkins/jenkins.war",
                "a Jenkins 2.479.3 war with the Pipeline plugins and start-jenkins.sh").getParent();
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jenkins-home");
        jenkins = new RealJenkins(distribution, home, List.of(HPI));
        jenkins.start();
        jenkins.groovy("jenkins.model.Jenkins.get().setNumExecutors(2); println('executors set')");
    }

    @AfterAll
    static void stopJenkins() throws InterruptedException {
        if (jenkins != null) {
            jenkins.stop();
        }
    }

    @Test
    void shardsOnTwoExecutorsShouldMergeIntoTheUnshardedResult() throws Exception {
        jenkins.createPipeline("sharded", """
                def robustness = [model: 'digits-mlp.pt', data: '%s', noHeader: true, labelColumn: '-1',
                    scale: '0.0625', attacks: ['pgd', 'square'], eps: [0.05, 0.1], steps: 5, queries: 40,
                    maxSamples: 96, batchSize: 16, seed: 3L, device: 'cpu']
                def shard = { String which ->
                  node {
                    sh "cp '%s' digits-mlp.pt"
                    echo "shard ${which} on executor ${env.EXECUTOR_NUMBER}"
                    evaluateRobustness(robustness + [id: 'digits', shard: which])
                  }
                }
                parallel 'shard 1': { shard('1/2') }, 'shard 2': { shard('2/2') }
                node {
                  sh "cp '%s' digits-mlp.pt"
                  evaluateRobustness(robustness + [id: 'whole'])
                  def status = mergeSecMLOpsResults id: 'digits'
                  echo "mergeSecMLOpsResults returned ${status}"
                }
                """.formatted(ExternalData.digitsCsv(), model(), model()));

        assertThat(jenkins.build("sharded", 1)).isEqualTo("SUCCESS");
        String console = jenkins.console("sharded", 1);
        assertThat(console).contains("shard 1/2 on executor", "shard 2/2 on executor",
                "mergeSecMLOpsResults returned PASSED", "merging 2 robustness shards of 96 samples");
        Path results = jenkins.buildDirectory("sharded", 1).resolve("secmlops");
        GateRunResult whole = ResultJson.read(results.resolve("whole/result.json"));
        GateRunResult merged = ResultJson.read(results.resolve("digits/result.json"));
        GateRunResult first = ResultJson.read(results.resolve("digits-shard-1-of-2/result.json"));
        GateRunResult second = ResultJson.read(results.resolve("digits-shard-2-of-2/result.json"));

        assertThat(merged.metrics()).isEqualTo(whole.metrics()).containsKey("ROBUST_ACCURACY");
        assertThat(merged.details().path("robustness").path("worstCase"))
                .isEqualTo(whole.details().path("robustness").path("worstCase"));
        assertThat(merged.details().path("robustness").path("perClass"))
                .isEqualTo(whole.details().path("robustness").path("perClass"));
        assertThat(first.details().path("shard").path("samples").asLong()
                + second.details().path("shard").path("samples").asLong()).isEqualTo(96);
        assertThat(first.gates().results()).isEmpty();
        assertThat(merged.gates().results()).isNotEmpty();
        assertThat(Files.readString(results.resolve("digits/report.html"))).contains("<h2>Shards</h2>",
                "Merged from 2 shards");
        assertThat(jenkins.getOk("/job/sharded/1/secmlops/")).contains("Merged from 2 shards");
    }

    @Test
    void aMergeWithAShardMissingShouldFailTheBuildAndSayWhichShard() throws Exception {
        jenkins.createPipeline("incomplete", """
                node {
                  sh "cp '%s' digits-mlp.pt"
                  evaluateModel model: 'digits-mlp.pt', data: '%s', noHeader: true, labelColumn: '-1',
                      scale: '0.0625', batchSize: 100, device: 'cpu', id: 'digits', shard: '1/2'
                  mergeSecMLOpsResults id: 'digits'
                }
                """.formatted(model(), ExternalData.digitsCsv()));

        assertThat(jenkins.build("incomplete", 1)).isEqualTo("FAILURE");
        assertThat(jenkins.console("incomplete", 1)).contains("shard 2/2 is missing")
                .contains("shard recorded as 'digits-shard-1-of-2'; no gates evaluated");
    }

    private static Path model() {
        return REPOSITORY.resolve("core/src/test/resources/org/secmlops/core/model/digits-mlp.pt");
    }
}

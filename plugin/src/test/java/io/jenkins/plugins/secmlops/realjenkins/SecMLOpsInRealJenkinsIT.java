package io.jenkins.plugins.secmlops.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.secmlops.testsupport.DetectionScenes;
import org.secmlops.testsupport.ExternalData;

/**
 * The plugin inside a real Jenkins 2.479.3 (from {@code shared/jenkins}): Pipeline jobs run the steps, the
 * gates decide the builds, the results are saved in build.xml and survive a restart with the report and the
 * trend, the global configuration survives too, and the plugin leaves no warning in the Jenkins log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecMLOpsInRealJenkinsIT {
    private static final Path HPI = Path.of(System.getProperty("hpi.file", "target/secmlops.hpi")).toAbsolutePath();
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final String PRIVATE_KEY_MARKER = "BEGIN PRIVATE KEY";

    private static RealJenkins jenkins;
    private static String privateKeyBody;
    private static String publicKeyPem;

    @BeforeAll
    static void startJenkins() throws Exception {
        Path distribution = ExternalData.shared("jenkins/jenkins.war",
                "a Jenkins 2.479.3 war with the Pipeline plugins and start-jenkins.sh").getParent();
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jenkins-home");
        String privateKeyPem = openssl(home, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        privateKeyBody = privateKeyPem.lines().skip(1).findFirst().orElseThrow();
        Path keyFile = Files.writeString(home.resolve("signing-key.pem"), privateKeyPem);
        publicKeyPem = openssl(home, "pkey", "-in", keyFile.toString(), "-pubout");
        Files.delete(keyFile);
        Files.createDirectories(home.resolve("init.groovy.d"));
        Files.writeString(home.resolve("init.groovy.d/model-key.groovy"), """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl
                def store = SystemCredentialsProvider.getInstance().getStore()
                if (store.getCredentials(Domain.global()).isEmpty()) {
                  store.addCredentials(Domain.global(), new FileCredentialsImpl(CredentialsScope.GLOBAL, 'model-key',
                      'model signing key', 'key.pem', SecretBytes.fromBytes('%s'.getBytes('UTF-8'))))
                }
                """.formatted(privateKeyPem.replace("\n", "\\n")));
        jenkins = new RealJenkins(distribution, home, List.of(HPI));
        jenkins.start();
    }

    @AfterAll
    static void stopJenkins() throws InterruptedException {
        if (jenkins != null) {
            jenkins.stop();
        }
    }

    @Test
    @Order(1)
    void pluginShouldBeActive() throws Exception {
        String plugins = jenkins.getOk("/pluginManager/api/json?depth=1&tree=plugins[shortName,active,enabled]");

        assertThat(plugins).contains("{\"active\":true,\"enabled\":true,\"shortName\":\"secmlops\"}");
    }

    @Test
    @Order(2)
    void snippetGeneratorShouldTurnTheStepFormsListsAndOptionsIntoAJenkinsfileLine() throws Exception {
        String verify = snippet("{\"stapler-class\":\"io.jenkins.plugins.secmlops.VerifyModelStep\",\"path\":\"model\","
                + "\"signature\":\"model.sig\",\"requireGates\":\"scan, robustness\",\"ignorePaths\":\"\"}");
        String robustness = snippet("{\"stapler-class\":\"io.jenkins.plugins.secmlops.EvaluateRobustnessStep\","
                + "\"model\":\"model\",\"data\":\"test.csv\",\"attacks\":\"pgd square\",\"restarts\":\"3\"}");

        assertThat(verify).isEqualTo("verifyModel path: 'model', requireGates: ['scan', 'robustness'], "
                + "signature: 'model.sig'");
        assertThat(robustness).contains("attacks: ['pgd', 'square']").contains("restarts: 3")
                .startsWith("evaluateRobustness ");
    }

    @Test
    @Order(2)
    void aStepsFieldHelpShouldComeFromItsOwnFolderElseFromTheStepItExtends() throws Exception {
        String descriptor = "/descriptorByName/io.jenkins.plugins.secmlops.";

        String inherited = jenkins.getOk(descriptor + "EvaluateDetectorStep/help/engine");
        String own = jenkins.getOk(descriptor + "EvaluateDetectorStep/help/layout");
        String shared = jenkins.getOk(descriptor + "EvaluateRobustnessStep/help/layout");
        String twoLevelsUp = jenkins.getOk(descriptor + "EvaluateModelStep/help/exportDir");

        assertThat(inherited).contains("<code>tf</code>, <code>pytorch</code> or <code>onnx</code>");
        assertThat(own).contains("<code>NCHW</code> (default)");
        assertThat(shared).contains("how image-like samples are laid out").doesNotContain("(default)");
        assertThat(twoLevelsUp).contains("junit.xml");
        assertThat(jenkins.get(descriptor + "EvaluateModelStep/help/noSuchField").statusCode()).isEqualTo(404);
    }

    private static String snippet(String json) throws Exception {
        var response = jenkins.post("/pipeline-syntax/generateSnippet", "application/x-www-form-urlencoded",
                "json=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().strip();
    }

    @Test
    @Order(3)
    void globalConfigurationShouldBeSavedThroughTheConfigurationObject() throws Exception {
        String printed = jenkins.groovy("""
                import io.jenkins.plugins.secmlops.*
                def config = jenkins.model.GlobalConfiguration.all().get(SecMLOpsConfiguration)
                config.setWorkerHeapMb(768)
                config.setWorkerTimeoutMinutes(42)
                config.setTrustedKeys([new TrustedKey('release', '''%s''')])
                println "saved ${config.trustedKeys*.name}"
                """.formatted(publicKeyPem));

        assertThat(printed).contains("saved [release]");
        assertThat(jenkins.home().resolve("io.jenkins.plugins.secmlops.SecMLOpsConfiguration.xml")).content()
                .contains("<workerHeapMb>768</workerHeapMb>").contains("<name>release</name>");
    }

    @Test
    @Order(4)
    void aMaliciousModelShouldFailTheBuildAndItsResultShouldBeSaved() throws Exception {
        jenkins.createPipeline("scan-malicious", """
                node {
                  sh "rm -rf model && cp -r '%s' model"
                  scanModel path: 'model'
                }
                """.formatted(REPOSITORY.resolve("demo/model")));

        assertThat(jenkins.build("scan-malicious", 1)).isEqualTo("FAILURE");
        String console = jenkins.console("scan-malicious", 1);
        assertThat(console).contains("[secmlops] scanning classifier.pkl")
                .contains("scanModel: quality gates failed: CRITICAL_FINDINGS");
        assertThat(jenkins.buildDirectory("scan-malicious", 1).resolve("build.xml")).content()
                .contains("<io.jenkins.plugins.secmlops.SecMLOpsBuildAction")
                .contains("<id>scan</id>").contains("<status>FAILED</status>");
    }

    @Test
    @Order(5)
    void aBenignModelShouldBeScannedSignedAndVerifiedInTheStepsEnvironment() throws Exception {
        jenkins.createPipeline("supply-chain", """
                node {
                  sh "rm -rf model model.sig && mkdir model && cp '%s' model/digits.pt"
                  stage('Scan') {
                    withEnv(['JAVA_TOOL_OPTIONS=-Dsecmlops.probe=environment-reached-the-worker']) {
                      def status = scanModel path: 'model'
                      echo "scanModel returned ${status}"
                    }
                  }
                  stage('Sign') {
                    withCredentials([file(credentialsId: 'model-key', variable: 'KEY')]) {
                      signModel path: 'model', keyFile: env.KEY, signature: 'model.sig', attestGates: true
                    }
                  }
                  stage('Verify') {
                    verifyModel path: 'model', signature: 'model.sig', trustedKey: 'release', requireGates: ['scan']
                  }
                }
                """.formatted(REPOSITORY.resolve("core/src/test/resources/org/secmlops/core/model/digits-mlp.pt")));

        assertThat(jenkins.build("supply-chain", 1)).isEqualTo("SUCCESS");
        assertThat(jenkins.build("supply-chain", 2)).isEqualTo("SUCCESS");
        String console = jenkins.console("supply-chain", 2);
        assertThat(console).contains("Picked up JAVA_TOOL_OPTIONS: -Dsecmlops.probe=environment-reached-the-worker")
                .contains("scanModel returned PASSED")
                .contains("[secmlops] verifyModel: quality gates PASSED")
                .doesNotContain(privateKeyBody).doesNotContain(PRIVATE_KEY_MARKER);
        assertThat(jenkins.buildDirectory("supply-chain", 2).resolve("build.xml")).content()
                .contains("<id>scan</id>").contains("<id>sign</id>").contains("<id>verify</id>");
        Path workerHome = jenkins.home().resolve("workspace/supply-chain@tmp/secmlops/worker");
        try (Stream<Path> installed = Files.walk(workerHome)) {
            assertThat(installed.filter(path -> path.endsWith("secmlops-cli.jar"))).hasSize(1);
        }
    }

    @Test
    @Order(6)
    void aRobustnessRunWithoutAThresholdShouldSaySoOnTheBuildPage() throws Exception {
        jenkins.createPipeline("robustness", """
                node {
                  sh "cp '%s' digits-mlp.pt"
                  def status = evaluateRobustness model: 'digits-mlp.pt', data: '%s', noHeader: true,
                      labelColumn: '-1', scale: '0.0625', attacks: ['fgsm'], eps: [0.1], maxSamples: 60,
                      device: 'cpu', classNames: 'zero,one,two,three,four,five,six,seven,eight,nine'
                  echo "evaluateRobustness returned ${status}"
                }
                """.formatted(REPOSITORY.resolve("core/src/test/resources/org/secmlops/core/model/digits-mlp.pt"),
                ExternalData.digitsCsv()));

        assertThat(jenkins.build("robustness", 1)).isEqualTo("SUCCESS");
        assertThat(jenkins.console("robustness", 1)).contains("evaluateRobustness returned PASSED")
                .contains("valid input range not given: using the range observed in the data");
        assertThat(jenkins.getOk("/job/robustness/1/")).contains("No robustness threshold is set");
        assertThat(jenkins.getOk("/job/robustness/1/secmlops/")).contains("No robustness threshold is set")
                .contains("seven");
    }

    @Test
    @Order(6)
    void aDetectorShouldBeEvaluatedAttackedAndGated() throws Exception {
        Path scenes = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "scenes");
        Path annotations = DetectionScenes.coco(scenes);
        Path model = DetectionScenes.tinyDetector(scenes, "tiny-detector.pt");
        jenkins.createPipeline("detector", """
                node {
                  sh "cp -r '%s' data && cp '%s' detector.pt"
                  def status = evaluateDetector model: 'detector.pt', data: 'data/annotations.json',
                      detectionLayout: 'yolov5', inputRange: '0,1', scoreThreshold: 0.5, attacks: ['fgsm'], eps: 0.2,
                      device: 'cpu', qualityGates: [[metric: 'MISS_RATE', threshold: 0.1, criticality: 'FAILURE'],
                      [metric: 'ROBUST_MISS_RATE', threshold: 0.5, criticality: 'UNSTABLE']]
                  echo "evaluateDetector returned ${status}"
                }
                """.formatted(annotations.getParent(), model));

        assertThat(jenkins.build("detector", 1)).isEqualTo("UNSTABLE");
        assertThat(jenkins.console("detector", 1)).contains("evaluateDetector returned UNSTABLE");
        assertThat(jenkins.getOk("/job/detector/1/secmlops/")).contains("vanishing-fgsm").contains("person");
    }

    @Test
    @Order(7)
    void theStepsShouldRunOnARemoteAgentConnectedOverWebSocket() throws Exception {
        String secret = jenkins.groovy("""
                import hudson.slaves.*
                def launcher = new JNLPLauncher()
                launcher.setWebSocket(true)
                def node = new DumbSlave('remote-agent', '%s', launcher)
                node.setLabelString('remote')
                jenkins.model.Jenkins.get().addNode(node)
                print jenkins.model.Jenkins.get().getComputer('remote-agent').getJnlpMac()
                """.formatted(Files.createDirectories(jenkins.home().resolveSibling("remote-agent-"
                + jenkins.home().getFileName())))).strip();
        Path agentJar = jenkins.download("/jnlpJars/agent.jar", jenkins.home().resolve("agent.jar"));
        Process agent = new ProcessBuilder("java", "-jar", agentJar.toString(), "-url", jenkins.url(), "-secret", secret,
                "-name", "remote-agent", "-webSocket").redirectErrorStream(true)
                .redirectOutput(jenkins.home().resolve("agent.log").toFile()).start();
        try {
            jenkins.createPipeline("on-agent", """
                    node('remote') {
                      sh "rm -rf model && mkdir model && cp '%s' model/"
                      def status = scanModel path: 'model'
                      echo "scanModel on ${env.NODE_NAME} returned ${status}"
                    }
                    """.formatted(REPOSITORY.resolve("core/src/test/resources/org/secmlops/core/model/digits-mlp.pt")));

            assertThat(jenkins.build("on-agent", 1)).isEqualTo("SUCCESS");
            assertThat(jenkins.console("on-agent", 1)).contains("scanModel on remote-agent returned PASSED")
                    .contains("[secmlops] installing worker").contains("[secmlops] scanning digits-mlp.pt");
            assertThat(jenkins.buildDirectory("on-agent", 1).resolve("build.xml")).content()
                    .contains("<io.jenkins.plugins.secmlops.SecMLOpsBuildAction");
        } finally {
            agent.destroy();
            agent.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(8)
    void anAgentRunningAsAUserWithoutHomeShouldInstallAndRunTheWorkerInTheWorkspace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: starting an agent as another user (as container images with a random user id do) needs root");
        String uid = "1000680000"; // no passwd entry: Java's user.home is "?", HOME is "/", as in OpenShift images
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling("restricted-" + jenkins.home()
                .getFileName()));
        Path model = Files.createDirectories(agentDir.resolve("source/model"));
        Files.copy(REPOSITORY.resolve("demo/model/preprocess.pkl"), model.resolve("preprocess.pkl"));
        Path agentJar = jenkins.download("/jnlpJars/agent.jar", agentDir.resolve("agent.jar"));
        run("chown", "-R", uid + ":0", agentDir.toString());
        run("chmod", "-R", "u+rwX,g+rwX,o-rwx", agentDir.toString());
        String secret = jenkins.groovy("""
                import hudson.slaves.*
                def launcher = new JNLPLauncher()
                launcher.setWebSocket(true)
                def node = new DumbSlave('restricted-agent', '%s', launcher)
                node.setLabelString('restricted')
                jenkins.model.Jenkins.get().addNode(node)
                print jenkins.model.Jenkins.get().getComputer('restricted-agent').getJnlpMac()
                """.formatted(agentDir.resolve("root"))).strip();
        Path javaCommand = Path.of(ProcessHandle.current().info().command().orElseThrow());
        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=0", "--clear-groups",
                javaCommand.toString(), "-jar", agentJar.toString(), "-url", jenkins.url(), "-secret", secret, "-name",
                "restricted-agent", "-webSocket").directory(agentDir.toFile()).redirectErrorStream(true)
                .redirectOutput(jenkins.home().resolve("restricted-agent.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("HOME", "/", "PATH", javaCommand.getParent() + ":/usr/bin:/bin"));
        Process agent = builder.start();
        try {
            jenkins.createPipeline("restricted", """
                    node('restricted') {
                      sh "rm -rf model && cp -r '%s' model"
                      def status = scanModel path: 'model',
                          qualityGates: [[metric: 'CRITICAL_FINDINGS', threshold: 0, criticality: 'UNSTABLE']]
                      echo "scanModel as ${sh(script: 'id -u', returnStdout: true).trim()} returned ${status}"
                    }
                    """.formatted(model));

            assertThat(jenkins.build("restricted", 1)).isEqualTo("UNSTABLE");
            assertThat(jenkins.console("restricted", 1)).contains("scanModel as " + uid + " returned UNSTABLE")
                    .contains("[secmlops] scanning preprocess.pkl");
            try (Stream<Path> installed = Files.walk(agentDir.resolve("root/workspace/restricted@tmp/secmlops"))) {
                assertThat(installed.filter(path -> path.endsWith("secmlops-cli.jar"))).hasSize(1);
            }
        } finally {
            agent.destroy();
            agent.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", List.of(command), output).isZero();
    }

    @Test
    @Order(9)
    void aJavaHomeWithoutJavaShouldFailWithAMessageThatSaysWhatToSet() throws Exception {
        jenkins.createPipeline("no-java", """
                node {
                  withEnv(['JAVA_HOME=/nonexistent/jdk']) {
                    scanModel path: '.'
                  }
                }
                """);

        assertThat(jenkins.build("no-java", 1)).isEqualTo("FAILURE");
        assertThat(jenkins.console("no-java", 1)).contains("/nonexistent/jdk/bin/java").contains("JAVA_HOME")
                .contains("Java 17");
    }

    @Test
    @Order(10)
    void anUnstableGateShouldMarkTheBuildAndItsStageAndLetThePipelineGoOn() throws Exception {
        jenkins.createPipeline("scan-unstable", """
                node {
                  sh "rm -rf model && cp -r '%s' model"
                  stage('Scan') {
                    def status = scanModel path: 'model', id: 'scan-warn',
                        qualityGates: [[metric: 'CRITICAL_FINDINGS', threshold: 0, criticality: 'UNSTABLE']]
                    echo "scanModel returned ${status}"
                  }
                  stage('After') {
                    echo 'the pipeline went on'
                  }
                }
                """.formatted(REPOSITORY.resolve("demo/model")));

        assertThat(jenkins.build("scan-unstable", 1)).isEqualTo("UNSTABLE");
        assertThat(jenkins.console("scan-unstable", 1)).contains("scanModel returned UNSTABLE")
                .contains("the pipeline went on");
        Path flowNodes = jenkins.buildDirectory("scan-unstable", 1).resolve("workflow-completed/flowNodeStore.xml");
        assertThat(flowNodes).content().contains("<wf.a.WarningAction")
                .contains("scanModel: CRITICAL_FINDINGS = 2, required &lt;= 0");
    }

    @Test
    @Order(11)
    void resultsTrendAndConfigurationShouldSurviveARestart() throws Exception {
        jenkins.stop();
        jenkins.start();

        String report = jenkins.getOk("/job/scan-malicious/1/secmlops/");
        assertThat(report).contains("preprocess.pkl").contains("posix.system").contains("CRITICAL");
        String build = jenkins.getOk("/job/supply-chain/2/");
        assertThat(build).contains("SecMLOps").contains("verify");
        String job = jenkins.getOk("/job/supply-chain/");
        assertThat(job).contains("class=\"secmlops-floating\"").contains("<svg").contains("scan: CRITICAL_FINDINGS");
        assertThat(jenkins.getOk("/job/supply-chain/secmlops-trends/")).contains("<svg");
        String configuration = jenkins.groovy("""
                def config = jenkins.model.GlobalConfiguration.all().get(io.jenkins.plugins.secmlops.SecMLOpsConfiguration)
                println "heap=${config.workerHeapMb} timeout=${config.workerTimeoutMinutes} keys=${config.trustedKeys*.name}"
                """);
        assertThat(configuration).contains("heap=768 timeout=42 keys=[release]");
    }

    @Test
    @Order(12)
    void aSubmittedConfigurationFormWithoutKeysShouldRemoveTheLastTrustedKey() throws Exception {
        String printed = jenkins.groovy("""
                def config = jenkins.model.GlobalConfiguration.all().get(io.jenkins.plugins.secmlops.SecMLOpsConfiguration)
                def form = net.sf.json.JSONObject.fromObject('{"workerHeapMb": "1024", "workerTimeoutMinutes": "42"}')
                config.configure(org.kohsuke.stapler.Stapler.getCurrentRequest2(), form)
                println "heap=${config.workerHeapMb} keys=${config.trustedKeys*.name}"
                """);

        assertThat(printed).contains("heap=1024 keys=[]");
        assertThat(jenkins.home().resolve("io.jenkins.plugins.secmlops.SecMLOpsConfiguration.xml")).content()
                .contains("<workerHeapMb>1024</workerHeapMb>").contains("<trustedKeys/>");
    }

    @Test
    @Order(13)
    void jenkinsLogShouldHoldNoWarningAboutThePlugin() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String record : logRecords(jenkins.jenkinsLog())) {
            String lower = record.toLowerCase(Locale.ROOT);
            boolean warning = record.contains("\tWARNING\t") || record.contains("\tSEVERE\t");
            if (lower.contains("classfilterimpl") || lower.contains("refusing to marshal")
                    || warning && lower.contains("secmlops")) {
                problems.add(record);
            }
        }

        assertThat(problems).isEmpty();
    }

    /** The log split into records: each starts with a time stamp line and holds its stack trace. */
    private static List<String> logRecords(String log) {
        List<String> records = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : log.split("\n")) {
            if (line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*") && current.length() > 0) {
                records.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        records.add(current.toString());
        return records;
    }

    /** A key made as users make theirs: openssl's PKCS#8 keys embed the public key. */
    private static String openssl(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("openssl %s: %s", command, errors).isZero();
        return output;
    }
}

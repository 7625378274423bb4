package org.secmlops.cli;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.monitor.FollowListener;
import org.secmlops.core.monitor.MonitorAlert;

/**
 * The live monitor's metrics in Prometheus' text format, served by the official Prometheus Java client on
 * {@code http://HOST:PORT/metrics}: one gauge per metric of the monitor capability ({@code
 * secmlops_monitor_input_drift_psi}, ..., {@code NaN} while not measured), the records the gauges cover, and
 * counters of requests, bad lines and alerts by kind. Its own registry: nothing of the JVM is exposed.
 */
final class MetricsEndpoint implements FollowListener, AutoCloseable {
    static final String PREFIX = "secmlops_monitor_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();
    private final Gauge windowRecords;
    private final Counter requests;
    private final Counter badRecords;
    private final Counter alerts;
    private final HTTPServer server;

    private MetricsEndpoint(String host, int port) throws IOException {
        for (MetricDefinition metric : MonitorCapability.INSTANCE.catalog().metrics()) {
            Gauge gauge = Gauge.builder().name(gaugeName(metric.name())).help(metric.description()).register(registry);
            gauge.set(Double.NaN);
            gauges.put(metric.name(), gauge);
        }
        windowRecords = Gauge.builder().name(PREFIX + "window_records")
                .help("Valid records the window gauges cover (all read since the monitor started)").register(registry);
        requests = Counter.builder().name(PREFIX + "requests")
                .help("Non-blank lines of the log decided since the monitor started").register(registry);
        badRecords = Counter.builder().name(PREFIX + "bad_lines")
                .help("Lines that are not valid records since the monitor started").register(registry);
        alerts = Counter.builder().name(PREFIX + "alerts").labelNames("kind")
                .help("Alerts written since the monitor started, by kind").register(registry);
        for (String kind : new String[] {MonitorAlert.ATTACK_CLIENT, MonitorAlert.ADVERSARIAL_INPUT, MonitorAlert.BAD_RECORD}) {
            alerts.labelValues(kind);
        }
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }

    /**
     * Starts serving.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @throws IOException when the address cannot be bound
     */
    static MetricsEndpoint start(String host, int port) throws IOException {
        return new MetricsEndpoint(host, port);
    }

    /** The name of a capability metric's gauge. */
    static String gaugeName(String metric) {
        return PREFIX + metric.toLowerCase(Locale.ROOT);
    }

    /** The port it listens on. */
    int port() {
        return server.getPort();
    }

    @Override
    public void alert(MonitorAlert alert) {
        alerts.labelValues(alert.kind()).inc();
    }

    @Override
    public void request(boolean valid) {
        requests.inc();
        if (!valid) {
            badRecords.inc();
        }
    }

    @Override
    public void window(long records, Map<String, Double> metrics) {
        gauges.forEach((name, gauge) -> gauge.set(metrics.getOrDefault(name, Double.NaN)));
        windowRecords.set(records);
    }

    @Override
    public void close() {
        server.close();
    }
}

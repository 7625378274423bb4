package io.jenkins.plugins.secmlops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.report.Html;
import org.secmlops.core.trend.SvgTrendChart;
import org.secmlops.core.trend.TrendPoint;

/**
 * Builds the trend charts from the builds' summaries: one small chart per metric, each on its own scale with its
 * unit (whole-number ticks for counts) and the latest build's absolute gate on it as a dashed line, and the security
 * cost split into time and memory; on the job page only the metrics each capability names as its trend metrics.
 * Each build on the x axis links to its SecMLOps report.
 */
final class TrendCharts {
    private static final String WALL_TIME = "WALL_TIME_S";
    private static final String PEAK_RSS = "PEAK_RSS_MIB";
    /** From the trends page ({@code job/x/secmlops-trends/}) to a build's report. */
    private static final String FROM_TRENDS_PAGE = "../";
    /** From the job page ({@code job/x/}) to a build's report. */
    private static final String FROM_JOB_PAGE = "";

    private TrendCharts() {
    }

    /**
     * The trends page: per gate run id, every metric and the security cost.
     *
     * @param builds oldest first
     */
    static String render(List<BuildEntry> builds) {
        Map<String, String> capabilities = capabilities(builds);
        if (capabilities.isEmpty()) {
            return "<p>No SecMLOps results yet.</p>";
        }
        StringBuilder html = new StringBuilder("<div class=\"secmlops-trends\">");
        for (Map.Entry<String, String> id : capabilities.entrySet()) {
            html.append("<h3>").append(Html.escape(id.getKey())).append("</h3><div class=\"secmlops-trend-row\">");
            Optional<Capability> capability = Capabilities.find(id.getValue());
            for (String metric : metricNames(id.getKey(), capability, builds)) {
                html.append(metricChart(id.getKey(), metric, capability, builds, SvgTrendChart.WIDTH,
                        FROM_TRENDS_PAGE));
            }
            html.append(SvgTrendChart.render(id.getKey() + ": wall time (s)", List.of(WALL_TIME),
                    points(id.getKey(), builds, FROM_TRENDS_PAGE,
                            run -> Map.of(WALL_TIME, run.getWallTimeMillis() / 1000.0)),
                    List.of(), SvgTrendChart.WIDTH));
            html.append(SvgTrendChart.render(id.getKey() + ": peak memory (MiB)", List.of(PEAK_RSS),
                    points(id.getKey(), builds, FROM_TRENDS_PAGE, run -> run.getPeakRssBytes() < 0 ? Map.of()
                            : Map.of(PEAK_RSS, run.getPeakRssBytes() / (1024.0 * 1024.0))), List.of(),
                    SvgTrendChart.WIDTH));
            html.append("</div>");
        }
        return html.append("</div>").toString();
    }

    /**
     * The job page's box: per gate run id, the capability's trend metrics in small charts.
     *
     * @param builds oldest first
     */
    static String floating(List<BuildEntry> builds) {
        StringBuilder html = new StringBuilder();
        for (Map.Entry<String, String> id : capabilities(builds).entrySet()) {
            Optional<Capability> capability = Capabilities.find(id.getValue());
            List<String> metrics = capability.map(Capability::trendMetrics)
                    .orElseGet(() -> metricNames(id.getKey(), capability, builds).stream().limit(1).toList());
            for (String metric : metrics) {
                html.append(metricChart(id.getKey(), metric, capability, builds, SvgTrendChart.SMALL_WIDTH,
                        FROM_JOB_PAGE));
            }
        }
        return html.toString();
    }

    private static Map<String, String> capabilities(List<BuildEntry> builds) {
        Map<String, String> capabilities = new LinkedHashMap<>();
        for (BuildEntry build : builds) {
            for (GateRunSummary run : build.runs()) {
                capabilities.putIfAbsent(run.getId(), run.getCapability());
            }
        }
        return capabilities;
    }

    private static String metricChart(String id, String metric, Optional<Capability> capability,
            List<BuildEntry> builds, int width, String toBuilds) {
        String unit = capability.map(c -> c.unit(metric)).orElse("");
        String title = id + ": " + metric + (unit.isEmpty() ? "" : " (" + unit + ")");
        boolean count = capability.flatMap(c -> c.catalog().find(metric)).map(MetricDefinition::count).orElse(false);
        return SvgTrendChart.render(title, List.of(metric), points(id, builds, toBuilds, run -> {
            Double value = run.getMetrics().get(metric);
            return value == null ? Map.of() : Map.of(metric, value);
        }), thresholds(id, metric, capability, builds), width,
                count ? SvgTrendChart.Scale.WHOLE_NUMBERS : SvgTrendChart.Scale.DECIMAL);
    }

    /** The latest build's absolute gates on the metric. */
    private static List<SvgTrendChart.Threshold> thresholds(String id, String metric, Optional<Capability> capability,
            List<BuildEntry> builds) {
        MetricDirection direction = capability.flatMap(c -> c.catalog().find(metric))
                .map(MetricDefinition::direction).orElse(null);
        for (int b = builds.size() - 1; b >= 0; b--) {
            for (GateRunSummary run : builds.get(b).runs()) {
                if (run.getId().equals(id)) {
                    return run.getGates().stream()
                            .filter(gate -> gate.getMetric().equals(metric) && "ABSOLUTE".equals(gate.getBaseline()))
                            .map(gate -> new SvgTrendChart.Threshold("gate " + (direction == null ? "at"
                                    : direction == MetricDirection.HIGHER_IS_BETTER ? ">=" : "<=") + " "
                                    + BigDecimal.valueOf(gate.getThreshold()).stripTrailingZeros().toPlainString()
                                    + " (" + gate.getCriticality() + ")", gate.getThreshold()))
                            .toList();
                }
            }
        }
        return List.of();
    }

    private static List<String> metricNames(String id, Optional<Capability> capability, List<BuildEntry> builds) {
        Set<String> measured = new LinkedHashSet<>();
        for (BuildEntry build : builds) {
            for (GateRunSummary run : build.runs()) {
                if (run.getId().equals(id)) {
                    measured.addAll(run.getMetrics().keySet());
                }
            }
        }
        List<String> names = new ArrayList<>();
        capability.ifPresent(c -> c.catalog().metrics().stream().map(MetricDefinition::name)
                .filter(measured::contains).forEach(names::add));
        measured.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    /**
     * @param toBuilds the relative path from the page showing the chart to the job's builds, e.g. {@code ../}
     */
    private static List<TrendPoint> points(String id, List<BuildEntry> builds, String toBuilds,
            Function<GateRunSummary, Map<String, Double>> values) {
        List<TrendPoint> points = new ArrayList<>();
        for (BuildEntry build : builds) {
            Map<String, Double> value = new LinkedHashMap<>();
            for (GateRunSummary run : build.runs()) {
                if (run.getId().equals(id)) {
                    values.apply(run).forEach((name, v) -> {
                        if (v != null) {
                            value.put(name, v);
                        }
                    });
                }
            }
            points.add(new TrendPoint(build.label(), value,
                    toBuilds + build.number() + "/" + SecMLOpsBuildAction.URL + "/"));
        }
        return points;
    }
}

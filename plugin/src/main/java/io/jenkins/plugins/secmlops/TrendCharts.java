package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.report.Html;
import org.secmlops.core.trend.SvgTrendChart;
import org.secmlops.core.trend.TrendPoint;

/**
 * Builds the job page's trend charts from the builds' summaries: per gate run id, one chart of its gate
 * metrics and one of its security cost (wall time and peak memory).
 */
final class TrendCharts {
    private TrendCharts() {
    }

    /**
     * @param builds oldest first
     * @return SVG charts with their headings, as HTML
     */
    static String render(List<BuildEntry> builds) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> capabilities = new LinkedHashMap<>();
        for (BuildEntry build : builds) {
            for (GateRunSummary run : build.runs()) {
                ids.add(run.getId());
                capabilities.putIfAbsent(run.getId(), run.getCapability());
            }
        }
        if (ids.isEmpty()) {
            return "<p>No SecMLOps results yet.</p>";
        }
        StringBuilder html = new StringBuilder("<div class=\"secmlops-trends\">");
        for (String id : ids) {
            html.append("<h3>").append(Html.escape(id)).append("</h3>");
            html.append(SvgTrendChart.render(id + ": gate metrics", metricNames(id, capabilities.get(id), builds),
                    points(id, builds, false)));
            html.append(SvgTrendChart.render(id + ": security cost", List.of("WALL_TIME_S", "PEAK_RSS_MIB"),
                    points(id, builds, true)));
        }
        return html.append("</div>").toString();
    }

    private static List<String> metricNames(String id, String capability, List<BuildEntry> builds) {
        Optional<Capability> known = Capabilities.find(capability);
        Set<String> names = new LinkedHashSet<>();
        if (known.isPresent()) {
            known.get().catalog().metrics().stream().map(MetricDefinition::name).forEach(names::add);
        }
        for (BuildEntry build : builds) {
            for (GateRunSummary run : build.runs()) {
                if (run.getId().equals(id)) {
                    names.addAll(run.getMetrics().keySet());
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static List<TrendPoint> points(String id, List<BuildEntry> builds, boolean cost) {
        List<TrendPoint> points = new ArrayList<>();
        for (BuildEntry build : builds) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (GateRunSummary run : build.runs()) {
                if (!run.getId().equals(id)) {
                    continue;
                }
                if (cost) {
                    values.put("WALL_TIME_S", run.getWallTimeMillis() / 1000.0);
                    if (run.getPeakRssBytes() >= 0) {
                        values.put("PEAK_RSS_MIB", run.getPeakRssBytes() / (1024.0 * 1024.0));
                    }
                } else {
                    run.getMetrics().forEach((name, value) -> {
                        if (value != null) {
                            values.put(name, value);
                        }
                    });
                }
            }
            points.add(new TrendPoint(build.label(), values));
        }
        return points;
    }
}

package org.secmlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ShardMark;

/**
 * The part of a report about sharding: for one shard a notice that its numbers cover only its part and that gates
 * are evaluated on the merge; for a merged result each shard's agent, coverage and cost.
 */
final class ShardSection {
    private ShardSection() {
    }

    static String render(GateRunResult result) {
        JsonNode details = result.details();
        JsonNode mark = details.path(ShardMark.DETAILS_KEY);
        if (mark.isObject()) {
            return "<p class=\"secmlops-notice\">Shard " + mark.path("index").asInt() + " of "
                    + mark.path("count").asInt() + " (on " + Html.escape(mark.path("host").asText()) + "): "
                    + mark.path("samples").asLong() + " of " + mark.path("totalSamples").asLong()
                    + " samples. Its numbers cover only this part; gates are evaluated once on the merged result.</p>";
        }
        JsonNode shards = details.path(ShardMark.MERGED_KEY);
        if (!shards.isArray() || shards.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Shards</h2><p>Merged from ").append(shards.size())
                .append(" shards; the security cost below adds up their wall times and takes the largest of their"
                        + " memory peaks.</p><table class=\"secmlops-shards\"><thead><tr><th>Shard</th><th>Agent</th>"
                        + "<th>Batches</th><th>Samples</th><th>Wall time</th><th>Peak heap</th>"
                        + "<th>Peak resident memory</th></tr></thead><tbody>");
        for (JsonNode shard : shards) {
            html.append("<tr><td>").append(shard.path("index").asInt()).append("</td><td>")
                    .append(Html.escape(shard.path("host").asText())).append("</td><td>")
                    .append(shard.path("batches").asLong()).append("</td><td>")
                    .append(shard.path("samples").asLong()).append("</td><td>")
                    .append(Units.seconds(shard.path("wallTimeMillis").asLong() / 1000.0)).append("</td><td>")
                    .append(Units.mebibytes(shard.path("peakHeapBytes").asLong())).append("</td><td>")
                    .append(Units.mebibytes(shard.path("peakRssBytes").asLong())).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }
}

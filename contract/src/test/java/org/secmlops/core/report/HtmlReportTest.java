package org.secmlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.secmlops.core.result.GateRunResult;

class HtmlReportTest {
    @Test
    void shouldEscapeEveryTextFromTheResult() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();
        DetailSection detail = details -> "<p>" + Html.escape(details.path("findings").get(0).path("file").asText())
                + "</p>";

        String page = HtmlReport.page("Scan of <img src=x onerror=alert(1)>", result, detail);

        assertThat(page).doesNotContain("<script>", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.pkl", "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldShowEachGateWithValueThresholdReferenceAndOutcome() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();

        String fragment = HtmlReport.fragment(result, DetailSection.NONE);

        assertThat(fragment).contains("CRITICAL_FINDINGS", "secmlops-FAILED", "FILES_SCANNED", "job #1",
                "1.234 s").doesNotContain("<script", "<html");
    }

    @Test
    void shouldShowTheSummaryRightAfterTheGatesAndBeforeTheMetricsAndEvidence() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();
        DetailSection detail = new DetailSection() {
            @Override
            public String render(com.fasterxml.jackson.databind.JsonNode details) {
                return "<h2>Evidence</h2>";
            }

            @Override
            public String summary(com.fasterxml.jackson.databind.JsonNode details) {
                return "<h2>Since the reference build</h2>";
            }
        };

        String fragment = HtmlReport.fragment(result, detail);

        assertThat(fragment.indexOf("Quality gates")).isLessThan(fragment.indexOf("Since the reference build"));
        assertThat(fragment.indexOf("Since the reference build")).isLessThan(fragment.indexOf("<h2>Metrics"));
        assertThat(fragment.indexOf("<h2>Metrics")).isLessThan(fragment.indexOf("Evidence"));
    }

    @Test
    void shouldShowANoticeWhereTheSummaryCannotBeRendered() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();
        DetailSection detail = new DetailSection() {
            @Override
            public String render(com.fasterxml.jackson.databind.JsonNode details) {
                return "";
            }

            @Override
            public String summary(com.fasterxml.jackson.databind.JsonNode details) {
                throw new IllegalArgumentException("the comparison <b>is</b> broken");
            }
        };

        assertThat(HtmlReport.fragment(result, detail)).contains("The comparison with the reference build cannot be"
                + " shown: the comparison &lt;b&gt;is&lt;/b&gt; broken", "CRITICAL_FINDINGS");
    }

    @Test
    void shouldShowTheGatesAndANoticeWhenTheDetailsHaveAnUnexpectedShape() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();
        DetailSection crafted = details -> {
            throw new IllegalArgumentException("example geometry 0x<b>5</b> does not fit the image");
        };

        String fragment = HtmlReport.fragment(result, crafted);

        assertThat(fragment).contains("CRITICAL_FINDINGS", "The details of this result cannot be shown",
                "0x&lt;b&gt;5&lt;/b&gt;").doesNotContain("<b>5");
    }

    @Test
    void shouldReplaceDetailsLargerThanTheLimitByANotice() throws Exception {
        GateRunResult result = org.secmlops.core.result.ResultJsonTestAccess.sample();
        DetailSection huge = details -> "<p>x</p>".repeat(HtmlReport.MAX_DETAIL_CHARS / 8 + 1);

        String fragment = HtmlReport.fragment(result, huge);

        assertThat(fragment).contains("too large to show").hasSizeLessThan(100_000);
    }

    @Test
    void shouldEscapeMarkupQuotesAndControlCharacters() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&\u0000")).isEqualTo(
                "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#xFFFD;");
    }
}

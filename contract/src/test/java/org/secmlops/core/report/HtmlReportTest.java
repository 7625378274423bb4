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

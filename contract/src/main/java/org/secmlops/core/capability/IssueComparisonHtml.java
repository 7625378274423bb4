package org.secmlops.core.capability;

import java.util.List;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.report.Units;

/** Renders an {@link IssueComparison}: the counts, then the new, fixed and outstanding problems as tables. */
final class IssueComparisonHtml {
    private IssueComparisonHtml() {
    }

    static String render(IssueComparison comparison, String noun) {
        StringBuilder html = new StringBuilder("<section class=\"secmlops-since\"><h2>Since the reference build</h2>");
        if (!comparison.hasReference()) {
            html.append("<p>No reference build: all ").append(comparison.outstandingCount()).append(' ')
                    .append(Html.escape(noun)).append(" are counted as outstanding, none as new or fixed (as"
                            + " warnings-ng does).</p>");
        } else {
            html.append("<p>Compared with <code>").append(Html.escape(comparison.reference())).append("</code>: ")
                    .append("<strong class=\"secmlops-new-count\">").append(comparison.newCount())
                    .append(" new</strong>, <span class=\"secmlops-fixed-count\">").append(comparison.fixedCount())
                    .append(" fixed</span>, <span class=\"secmlops-outstanding-count\">")
                    .append(comparison.outstandingCount()).append(" outstanding</span> ").append(Html.escape(noun));
            if (comparison.notCompared() > 0) {
                html.append("; ").append(Units.count(comparison.notCompared(), "more was", "more were"))
                        .append(" not examined in the reference build");
            }
            html.append(".</p>");
            list(html, "new", "New", comparison.newIssues(), comparison.newCount(), true);
            list(html, "fixed", "Fixed", comparison.fixedIssues(), comparison.fixedCount(), false);
        }
        list(html, "outstanding", "Outstanding", comparison.outstandingIssues(), comparison.outstandingCount(),
                false);
        return html.append("</section>").toString();
    }

    private static void list(StringBuilder html, String kind, String title, List<TrackedIssue> issues, int count,
            boolean open) {
        if (count == 0) {
            return;
        }
        html.append("<details class=\"secmlops-").append(kind).append('"').append(open ? " open" : "")
                .append("><summary>").append(title).append(" (").append(count).append(")</summary>")
                .append("<div class=\"secmlops-scroll\"><table class=\"secmlops-issues secmlops-").append(kind)
                .append("-issues\"><thead><tr><th>Class</th><th>What</th><th>Why</th></tr></thead><tbody>");
        for (TrackedIssue issue : issues) {
            html.append("<tr><td>").append(HtmlReport.status(issue.kind())).append("</td><td><code>")
                    .append(Html.escape(issue.key())).append("</code></td><td>").append(Html.escape(issue.text()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></div>");
        if (count > issues.size()) {
            html.append("<p>… and ").append(count - issues.size()).append(" more, not listed.</p>");
        }
        html.append("</details>");
    }
}

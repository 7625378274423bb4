package io.jenkins.plugins.secmlops;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jenkins.model.RunAction2;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;

/**
 * The SecMLOps results of one build: a summary on the build page and the report page
 * ({@code /secmlops}). build.xml holds only the summaries; the details are read from the build
 * directory when the report page is shown.
 */
public class SecMLOpsBuildAction implements RunAction2 {
    static final String URL = "secmlops";

    private final ArrayList<GateRunSummary> runs = new ArrayList<>();
    private transient Run<?, ?> owner;

    @Override
    public String getIconFileName() {
        return "/plugin/secmlops/icons/secmlops.svg";
    }

    @Override
    public String getDisplayName() {
        return "SecMLOps";
    }

    @Override
    public String getUrlName() {
        return URL;
    }

    @Override
    public void onAttached(Run<?, ?> run) {
        owner = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        owner = run;
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    public synchronized List<GateRunSummary> getRuns() {
        return Collections.unmodifiableList(new ArrayList<>(runs));
    }

    /** The run with this id in this build, if any. */
    public synchronized Optional<GateRunSummary> find(String id) {
        return runs.stream().filter(run -> run.getId().equals(id)).findFirst();
    }

    synchronized void add(GateRunSummary summary) {
        if (find(summary.getId()).isPresent()) {
            throw new IllegalArgumentException("This build already ran a SecMLOps gate with id '" + summary.getId()
                    + "'; give each step a distinct id");
        }
        runs.add(summary);
    }

    /** The worst status of all runs of this build. */
    public synchronized GateStatus getStatus() {
        return GateStatus.worst(runs.stream().map(GateRunSummary::getStatus).toList());
    }

    /** The full report of one run as escaped HTML, read from the build directory. */
    public String getReportHtml(String id) {
        Optional<GateRunSummary> summary = find(id);
        if (summary.isEmpty() || owner == null) {
            return "<p>No SecMLOps result with id " + Html.escape(id) + ".</p>";
        }
        try {
            GateRunResult result = new ResultStore(owner.getRootDir()).load(id);
            return HtmlReport.fragment(result, Capabilities.detailSection(result.capability()));
        } catch (ResultFormatException e) {
            return "<p>The detailed result of " + Html.escape(id) + " cannot be read: " + Html.escape(e.getMessage())
                    + "</p>";
        }
    }
}

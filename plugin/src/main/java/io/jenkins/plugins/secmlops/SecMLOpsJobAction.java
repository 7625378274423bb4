package io.jenkins.plugins.secmlops;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job page's SecMLOps trends: gate metrics and security cost across the last builds, rendered as
 * static SVG (no script, safe under Jenkins' Content-Security-Policy).
 */
public class SecMLOpsJobAction implements Action {
    static final int MAX_BUILDS = 50;

    private final Job<?, ?> job;

    SecMLOpsJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/secmlops/icons/secmlops.svg";
    }

    @Override
    public String getDisplayName() {
        return "SecMLOps trends";
    }

    @Override
    public String getUrlName() {
        return "secmlops-trends";
    }

    /** The charts as HTML with inline SVG; all text escaped. */
    public String getTrendHtml() {
        return TrendCharts.render(history());
    }

    /** The job page's box: each capability's one or two trend metrics, small; all text escaped. */
    public String getFloatingHtml() {
        return TrendCharts.floating(history());
    }

    /** Whether any of the last builds has SecMLOps results (the job page shows no box otherwise). */
    public boolean isResultsAvailable() {
        return !history().isEmpty();
    }

    List<BuildEntry> history() {
        List<BuildEntry> builds = new ArrayList<>();
        Run<?, ?> build = job.getLastCompletedBuild();
        while (build != null && builds.size() < MAX_BUILDS) {
            if (!build.isBuilding()) {
                SecMLOpsBuildAction action = build.getAction(SecMLOpsBuildAction.class);
                if (action != null) {
                    builds.add(new BuildEntry(build.getNumber(), build.getDisplayName(), action.getRuns()));
                }
            }
            build = build.getPreviousBuild();
        }
        Collections.reverse(builds);
        return builds;
    }
}

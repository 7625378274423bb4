package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import hudson.model.Actionable;
import hudson.model.Saveable;

/**
 * Compile-only declaration of workflow-api {@code org.jenkinsci.plugins.workflow.graph.FlowNode}
 * (1373.v7b_813f10efa_b_): a node of a Pipeline's flow graph, obtained from a step's context. The plugin
 * neither constructs nor extends it; only the member it calls is declared. Bodies throw.
 */
public abstract class FlowNode extends Actionable implements Saveable {
    // Upstream constructors are protected FlowNode(FlowExecution, String, ...); not used by the plugin.
    private FlowNode() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    /** Upstream overrides {@code Actionable#addOrReplaceAction}, which is not declared here. */
    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}

/**
 * Security monitoring of a deployed model over a window of inference traffic: input, embedding and prediction
 * drift against the approved reference, accuracy where labels arrive, and stateful detection of black-box attack
 * campaigns per client, carried across windows in a state file. Entry point: {@link
 * org.secmlops.core.monitor.MonitorRun}.
 */
package org.secmlops.core.monitor;

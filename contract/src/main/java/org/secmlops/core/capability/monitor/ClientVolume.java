package org.secmlops.core.capability.monitor;

/**
 * One client's query volume in the window.
 *
 * @param client  the client's id as logged
 * @param queries its queries in the window
 * @param share   its share of the window's records
 */
public record ClientVolume(String client, long queries, double share) {
}

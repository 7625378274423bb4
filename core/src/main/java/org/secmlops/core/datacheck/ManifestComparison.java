package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a data set differs from an approved manifest. Samples are matched by id first; a sample whose id changed but
 * whose content (digest) appears unmatched in the approved manifest counts as moved (e.g. a CSV row that shifted
 * because a line was inserted above it), not as a change.
 *
 * @param approvedDigest the approved manifest's digest
 * @param digest         the digest of the data now
 * @param added          ids of samples that are new
 * @param removed        ids of approved samples that are gone
 * @param modified       ids whose features or label changed
 * @param moved          samples found under another id with unchanged content
 */
public record ManifestComparison(String approvedDigest, String digest, List<String> added, List<String> removed,
        List<String> modified, int moved) {
    public ManifestComparison {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        modified = List.copyOf(modified);
    }

    /** Added + removed + modified samples. */
    public int changes() {
        return added.size() + removed.size() + modified.size();
    }

    static ManifestComparison compare(DataManifest approved, DataManifest now) {
        Map<String, String> approvedById = new HashMap<>();
        for (DataManifest.Entry e : approved.entries()) {
            approvedById.put(e.id(), e.digest());
        }
        List<DataManifest.Entry> unmatchedNow = new ArrayList<>();
        java.util.Set<String> matchedIds = new java.util.HashSet<>();
        for (DataManifest.Entry e : now.entries()) {
            if (e.digest().equals(approvedById.get(e.id()))) {
                matchedIds.add(e.id());
            } else {
                unmatchedNow.add(e);
            }
        }
        Map<String, Integer> unmatchedApprovedContent = new HashMap<>();
        for (DataManifest.Entry e : approved.entries()) {
            if (!matchedIds.contains(e.id())) {
                unmatchedApprovedContent.merge(e.digest(), 1, Integer::sum);
            }
        }
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        java.util.Set<String> consumedIds = new java.util.HashSet<>(matchedIds);
        int moved = 0;
        for (DataManifest.Entry e : unmatchedNow) {
            Integer left = unmatchedApprovedContent.get(e.digest());
            if (left != null && left > 0) {
                unmatchedApprovedContent.put(e.digest(), left - 1);
                moved++;
            } else if (approvedById.containsKey(e.id())) {
                modified.add(e.id());
                consumedIds.add(e.id());
            } else {
                added.add(e.id());
            }
        }
        // approved entries neither matched by id, nor modified, nor consumed by a move are removed
        List<String> removed = new ArrayList<>();
        for (DataManifest.Entry e : approved.entries()) {
            if (consumedIds.contains(e.id())) {
                continue;
            }
            Integer left = unmatchedApprovedContent.get(e.digest());
            if (left != null && left > 0) {
                unmatchedApprovedContent.put(e.digest(), left - 1);
                removed.add(e.id());
            }
        }
        return new ManifestComparison(approved.digest(), now.digest(), added, removed, modified, moved);
    }
}

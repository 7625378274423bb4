package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.List;

/** The sample indices of each class. */
final class ClassMembers {
    private ClassMembers() {
    }

    static int[][] of(int[] labels, int classes) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        int[][] out = new int[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = members.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The rows of the members, centred on their mean. */
    static double[][] centred(float[][] x, int[] members) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (int i : members) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= members.length;
        }
        double[][] out = new double[members.length][d];
        for (int m = 0; m < members.length; m++) {
            for (int j = 0; j < d; j++) {
                out[m][j] = x[members[m]][j] - mean[j];
            }
        }
        return out;
    }

    /** {@code rows^T rows / n}. */
    static double[][] covariance(double[][] rows) {
        int d = rows[0].length;
        double[][] c = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                double va = r[a];
                if (va == 0) {
                    continue;
                }
                for (int b = a; b < d; b++) {
                    c[a][b] += va * r[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a][b] /= rows.length;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }
}

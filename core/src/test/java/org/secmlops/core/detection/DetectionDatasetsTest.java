package org.secmlops.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.testsupport.DetectionScenes;
import org.secmlops.core.data.DatasetException;

class DetectionDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void cocoAndVocShouldReadTheSameImagesAndBoxes() throws Exception {
        DetectionSource coco = DetectionDatasets.open(DetectionDataSpec.of(DetectionScenes.coco(dir.resolve("coco"))));
        DetectionSource voc = DetectionDatasets.open(DetectionDataSpec.of(DetectionScenes.voc(dir.resolve("voc"))));
        assertThat(coco.classNames()).containsExactly("person");
        assertThat(voc.classNames()).containsExactly("person");
        assertThat(coco.sampleShape()).containsExactly(32, 48, 3);
        assertThat(coco.description()).contains("4 images, 6 boxes, 1 class");
        List<DetectionSample> fromCoco = coco.next(10);
        List<DetectionSample> fromVoc = voc.next(3);
        assertThat(fromVoc).hasSize(3);
        assertThat(voc.next(3)).hasSize(1);
        assertThat(voc.next(3)).isEmpty();
        assertThat(fromCoco).extracting(DetectionSample::id).containsExactly("images/frame0.png", "images/frame1.png",
                "images/frame2.png", "images/frame3.png");
        for (int i = 0; i < 3; i++) {
            assertThat(fromCoco.get(i).truths()).containsExactlyElementsOf(DetectionScenes.truths(i));
            assertThat(fromVoc.get(i).truths()).containsExactlyElementsOf(DetectionScenes.truths(i));
            assertThat(fromVoc.get(i).pixels()).containsExactly(fromCoco.get(i).pixels());
        }
        assertThat(fromCoco.get(0).pixels()[0]).isEqualTo(250f);
        assertThat(fromCoco.get(1).pixels()[0]).isEqualTo(25f);
    }

    @Test
    void resizingShouldMoveTheBoxes() throws Exception {
        DetectionSource source = DetectionDatasets.open(DetectionDataSpec.of(DetectionScenes.coco(dir))
                .withImageSize(96, 64, false));
        assertThat(source.sampleShape()).containsExactly(64, 96, 3);
        assertThat(source.next(1).get(0).truths()).containsExactly(Box.truth(0, 0, 16, 16, 0),
                Box.truth(48, 32, 64, 48, 0));
    }

    @Test
    void badAnnotationsShouldBeRefusedWithTheirProblem() throws Exception {
        Path json = DetectionScenes.coco(dir);
        Files.writeString(json, Files.readString(json).replace("\"category_id\":1,\"bbox\":[0,0", "\"category_id\":7,"
                + "\"bbox\":[0,0"));
        assertThatThrownBy(() -> DetectionDatasets.open(DetectionDataSpec.of(json)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("names category 7");
        Files.writeString(json, "{\"images\": 3}");
        assertThatThrownBy(() -> DetectionDatasets.open(DetectionDataSpec.of(json)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is not COCO annotations");
        Path voc = DetectionScenes.voc(dir.resolve("voc"));
        Files.writeString(voc.resolve("frame1.xml"), "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<annotation><filename>&x;</filename></annotation>");
        assertThatThrownBy(() -> DetectionDatasets.open(DetectionDataSpec.of(voc)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("frame1.xml is not a readable VOC");
        assertThatThrownBy(() -> DetectionDatasets.open(DetectionDataSpec.of(dir.resolve("missing.csv"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DetectionDatasets.open(DetectionDataSpec.of(DetectionScenes.voc(dir.resolve("voc2")))
                .withClassNames(List.of("car"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("'person' is not among the class names");
    }
}

package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.datacheck.DataCheckHtml;
import org.secmlops.core.report.chart.Thumbnails;
import org.secmlops.core.result.Json;

class DataCheckHtmlTest {
    @Test
    void shouldEscapeEveryTextAndDropAThumbnailThatIsNotAPngDataUri() throws Exception {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("data", "<script>alert(1)</script>");
        ObjectNode suspect = r.putArray("suspects").addObject();
        suspect.put("id", "cat/<img src=x onerror=alert(1)>.png");
        suspect.put("label", 1);
        suspect.put("thumbnail", "javascript:alert(1)");
        suspect.putArray("detectors").add("<b>");

        String html = DataCheckHtml.render(r);

        assertThat(html).doesNotContain("<script", "<img src=x", "javascript:", "<b>")
                .contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldDrawAnImageSampleAsAPngOfItsSize() throws Exception {
        float[] pixels = new float[28 * 28];
        pixels[0] = 255;

        String uri = Thumbnails.of(pixels, new int[] {28, 28}, true);

        assertThat(Thumbnails.isDataUri(uri)).isTrue();
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                uri.substring(Thumbnails.PREFIX.length()))));
        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(image.getRGB(1, 0) & 0xffffff).isZero();
        assertThat(Thumbnails.of(new float[64], new int[] {64}, false)).isNull();
    }
}

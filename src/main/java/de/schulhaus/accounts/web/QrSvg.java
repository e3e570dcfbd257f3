package de.schulhaus.accounts.web;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** A QR code as inline SVG: no image request, no script, fits the strict CSP. */
final class QrSvg {

	private QrSvg() {
	}

	static String of(String text, String label) {
		try {
			BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
			StringBuilder path = new StringBuilder();
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					if (m.get(x, y)) {
						path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
					}
				}
			}
			return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" + escape(label)
					+ "\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight() + "\" shape-rendering=\"crispEdges\">"
					+ "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
		}
		catch (WriterException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
	}
}

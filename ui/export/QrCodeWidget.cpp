// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/QrCodeWidget.h"

#include "wireguard/SecureBytes.h"

#include <QPainter>

#include <qrencode.h>

namespace {

constexpr int QuietZone = 4;

} // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(200, 200);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAccessibleName(tr("QR code of the client configuration"));
}

QImage QrCodeWidget::render(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M);
    SecureBytes::wipe(utf8);
    if (!code)
        return {};
    const int size = code->width + 2 * QuietZone;
    QImage image(size, size, QImage::Format_Mono);
    image.setColor(0, qRgb(255, 255, 255));
    image.setColor(1, qRgb(0, 0, 0));
    image.fill(0);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1)
                image.setPixel(x + QuietZone, y + QuietZone, 1);
        }
    }
    QRcode_free(code);
    return image;
}

QImage QrCodeWidget::renderScaled(const QString& text, int minimumSize)
{
    const QImage modules = render(text);
    if (modules.isNull())
        return {};
    const int scale = std::max(1, (minimumSize + modules.width() - 1) / modules.width());
    return modules.scaled(modules.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation);
}

void QrCodeWidget::setPayload(const QString& text)
{
    m_image = render(text);
    update();
}

void QrCodeWidget::clear()
{
    m_image = {};
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    return {280, 280};
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("The QR code appears after the export."));
        return;
    }
    // Whole pixels per module keep the code sharp enough for a phone camera.
    const int side = std::min(width(), height());
    const int scale = std::max(1, side / m_image.width());
    const int drawn = m_image.width() * scale;
    const QRect target((width() - drawn) / 2, (height() - drawn) / 2, drawn, drawn);
    painter.drawImage(target, m_image);
}

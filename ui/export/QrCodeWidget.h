// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QWidget>

/**
 * A QR code (libqrencode) of a text, e.g. a client wg0.conf for the WireGuard mobile apps. The payload holds a
 * private key: the widget keeps only the rendered image, and clear() drops it.
 */
class QrCodeWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit QrCodeWidget(QWidget* parent = nullptr);

    /// One pixel per module with a 4-module quiet zone, black on white; null when the text does not fit a QR code.
    static QImage render(const QString& text);
    /// render() scaled up to at least minimumSize pixels, as saved to the bundle.
    static QImage renderScaled(const QString& text, int minimumSize = 512);

    void setPayload(const QString& text);
    void clear();
    const QImage& image() const { return m_image; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
};

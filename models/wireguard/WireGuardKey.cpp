// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/WireGuardKey.h"

#include <sodium.h>

#include <stdexcept>

namespace {

bool isBase64Character(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'+'
        || u == u'/';
}

int base64Value(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'A' && u <= u'Z')
        return u - u'A';
    if (u >= u'a' && u <= u'z')
        return u - u'a' + 26;
    if (u >= u'0' && u <= u'9')
        return u - u'0' + 52;
    return u == u'+' ? 62 : 63;
}

} // namespace

WireGuardKey WireGuardKey::random()
{
    SecureBytes bytes(Size);
    randombytes_buf(bytes.data(), Size);
    return WireGuardKey(std::move(bytes));
}

WireGuardKey WireGuardKey::generatePrivate()
{
    WireGuardKey key = random();
    // The clamping of `wg genkey` (curve25519_clamp_secret), so files match what the real tool writes.
    key.m_bytes.data()[0] &= 248;
    key.m_bytes.data()[31] = static_cast<unsigned char>((key.m_bytes.data()[31] & 127) | 64);
    return key;
}

WireGuardKey WireGuardKey::generatePreshared()
{
    return random();
}

QString WireGuardKey::decodeError(QStringView text)
{
    const QStringView key = text.trimmed();
    if (key.isEmpty())
        return QStringLiteral("is empty; a key is 44 characters of base64");
    if (key.size() != Base64Length)
        return QStringLiteral("is %1 characters long; a key is exactly 44 characters of base64").arg(key.size());
    if (key.at(43) != QLatin1Char('='))
        return QStringLiteral("does not end in '='; a key is 32 bytes of base64 ending in one '='");
    for (qsizetype i = 0; i < 43; ++i) {
        if (!isBase64Character(key.at(i)))
            return QStringLiteral("has '%1' at position %2, which is not a base64 character")
                .arg(key.at(i))
                .arg(i + 1);
    }
    // 43 characters carry 258 bits; the last two bits must be zero or the text is not the canonical encoding.
    if ((base64Value(key.at(42)) & 3) != 0)
        return QStringLiteral("is not canonical base64 (character 43 '%1' has bits set past the 32 bytes)")
            .arg(key.at(42));
    return {};
}

std::optional<WireGuardKey> WireGuardKey::fromBase64(QStringView text, QString* error)
{
    const QString problem = decodeError(text);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    const QStringView key = text.trimmed();
    char ascii[Base64Length];
    for (int i = 0; i < Base64Length; ++i)
        ascii[i] = static_cast<char>(key.at(i).unicode());
    SecureBytes bytes(Size);
    size_t length = 0;
    const int status = sodium_base642bin(bytes.data(), Size, ascii, Base64Length, nullptr, &length, nullptr,
        sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(ascii, sizeof ascii);
    if (status != 0 || length != Size) {
        if (error)
            *error = QStringLiteral("is not base64 for 32 bytes");
        return std::nullopt;
    }
    return WireGuardKey(std::move(bytes));
}

WireGuardKey WireGuardKey::publicKey() const
{
    if (isNull())
        return {};
    SecureBytes result(Size);
    // crypto_scalarmult_base clamps a copy of the scalar, so unclamped private keys give wg's answer too.
    if (crypto_scalarmult_base(result.data(), m_bytes.data()) != 0)
        throw std::runtime_error("X25519 failed on a private key");
    return WireGuardKey(std::move(result));
}

QString WireGuardKey::toBase64() const
{
    if (isNull())
        return {};
    char encoded[sodium_base64_ENCODED_LEN(Size, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(encoded, sizeof encoded, m_bytes.data(), Size, sodium_base64_VARIANT_ORIGINAL);
    const QString text = QString::fromLatin1(encoded, Base64Length);
    sodium_memzero(encoded, sizeof encoded);
    return text;
}

WireGuardKey WireGuardKey::clone() const
{
    return WireGuardKey(m_bytes.clone());
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/KeygenCommand.h"

#include "cli/CliContext.h"
#include "wireguard/SecureBytes.h"
#include "wireguard/WireGuardKey.h"

#include <QCommandLineParser>
#include <QFile>

namespace {

/// Writes a secret key and wipes the text right after.
void printSecret(CliContext& context, const WireGuardKey& key)
{
    QString text = key.toBase64();
    context.out() << text << Qt::endl;
    SecureBytes::wipe(text);
}

} // namespace

int KeygenCommand::run(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addOption({QStringLiteral("public-only"),
        QStringLiteral("read a private key from standard input and print its public key (like wg pubkey)")});
    parser.addOption({QStringLiteral("psk"), QStringLiteral("print a new preshared key (like wg genpsk)")});
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("show this help")});
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        context.out() << "usage: tunnelscope-cli keygen [--public-only | --psk]\n"
                         "  (no option)     print a new private key, clamped like wg genkey\n"
                         "  --public-only   read a private key on stdin, print its public key (wg pubkey)\n"
                         "  --psk           print a new preshared key (wg genpsk)\n";
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return context.fail(QStringLiteral("keygen takes no arguments"), 2);
    if (parser.isSet(QStringLiteral("public-only")) && parser.isSet(QStringLiteral("psk")))
        return context.fail(QStringLiteral("--public-only and --psk exclude each other"), 2);
    if (parser.isSet(QStringLiteral("public-only")))
        return publicFromInput(context);
    printSecret(context, parser.isSet(QStringLiteral("psk")) ? WireGuardKey::generatePreshared()
                                                             : WireGuardKey::generatePrivate());
    return 0;
}

int KeygenCommand::publicFromInput(CliContext& context)
{
    QFile standardInput;
    QIODevice* input = m_input;
    if (!input) {
        if (!standardInput.open(stdin, QIODevice::ReadOnly))
            return context.fail(QStringLiteral("cannot read standard input"));
        input = &standardInput;
    }
    // A key is 44 characters; read a little more so that junk after it is noticed, not silently cut off.
    QByteArray raw = input->read(256);
    QString text = QString::fromLatin1(raw);
    SecureBytes::wipe(raw);
    QString error;
    const auto key = WireGuardKey::fromBase64(text, &error);
    SecureBytes::wipe(text);
    if (!key)
        return context.fail(QStringLiteral("the private key on standard input ") + error);
    context.out() << key->publicKey().toBase64() << Qt::endl;
    return 0;
}

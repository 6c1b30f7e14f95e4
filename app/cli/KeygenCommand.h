// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"

#include <QIODevice>

/** tunnelscope-cli keygen [--public-only | --psk]: like `wg genkey`, `wg pubkey` and `wg genpsk`. */
class KeygenCommand final : public CliCommand
{
public:
    /// input: where --public-only reads the private key; stdin when null.
    explicit KeygenCommand(QIODevice* input = nullptr)
        : m_input(input)
    {
    }

    QString name() const override { return QStringLiteral("keygen"); }
    QString summary() const override
    {
        return QStringLiteral("make a WireGuard private key, a preshared key (--psk), or a public key from a private one");
    }
    int run(const QStringList& arguments, CliContext& context) override;

private:
    int publicFromInput(CliContext& context);

    QIODevice* m_input;
};

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

/**
 * Secret bytes (key material) in sodium_malloc'd memory: guard pages, zeroed when freed, never copied.
 * Move-only on purpose: every copy of a secret is one more place it has to be wiped from.
 */
class SecureBytes
{
public:
    SecureBytes() = default;
    /// size zeroed bytes; throws std::bad_alloc when libsodium cannot allocate them.
    explicit SecureBytes(std::size_t size);
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    /// Copies from plain memory; the caller wipes its own buffer.
    static SecureBytes fromRaw(const void* data, std::size_t size);
    /// An explicit copy, for the rare place that needs two owners.
    SecureBytes clone() const;

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    /// Constant-time comparison (sodium_memcmp): the time taken says nothing about where they differ.
    bool equals(const SecureBytes& other) const;
    friend bool operator==(const SecureBytes& a, const SecureBytes& b) { return a.equals(b); }

    /// Gives up a plain Qt buffer that held a secret: zeroed in place (never detached) when this was its last
    /// holder, else only released, since the remaining holder owns the bytes. Copies made earlier are theirs.
    static void wipe(QByteArray& bytes);
    static void wipe(QString& text);

private:
    void release();

    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/SecureBytes.h"

#include "secrets/SecretWipe.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace {

void ensureSodium()
{
    // sodium_init is idempotent and thread-safe; callers of this class need not remember it.
    if (sodium_init() < 0)
        throw std::bad_alloc();
}

} // namespace

SecureBytes::SecureBytes(std::size_t size)
{
    if (size == 0)
        return;
    ensureSodium();
    m_data = static_cast<unsigned char*>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
    sodium_memzero(m_data, size);
    m_size = size;
}

SecureBytes::~SecureBytes()
{
    release();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBytes SecureBytes::fromRaw(const void* data, std::size_t size)
{
    SecureBytes bytes(size);
    if (size > 0)
        std::memcpy(bytes.m_data, data, size);
    return bytes;
}

SecureBytes SecureBytes::clone() const
{
    return fromRaw(m_data, m_size);
}

bool SecureBytes::equals(const SecureBytes& other) const
{
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecureBytes::wipe(QByteArray& bytes)
{
    releaseSecret(bytes); // never detaches: see secrets/SecretWipe.h
}

void SecureBytes::wipe(QString& text)
{
    // The QString twin of releaseSecret(): data() would detach a shared buffer and zero a fresh copy. Zero the
    // whole allocation in place when this is the only holder, else leave the bytes to the holder that remains.
    const auto& buffer = text.data_ptr();
    if (text.isDetached() && buffer.isMutable()) {
        char16_t* allocationStart = const_cast<char16_t*>(buffer.data()) - buffer.freeSpaceAtBegin();
        sodium_memzero(allocationStart, static_cast<std::size_t>(buffer.constAllocatedCapacity()) * sizeof(char16_t));
    }
    text = QString();
}

void SecureBytes::release()
{
    if (m_data) {
        sodium_memzero(m_data, m_size); // sodium_free zeroes too; this keeps the promise explicit
        sodium_free(m_data);
    }
    m_data = nullptr;
    m_size = 0;
}

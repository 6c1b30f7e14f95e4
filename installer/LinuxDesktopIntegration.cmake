# SPDX-License-Identifier: GPL-3.0-or-later
# What makes Tunnelscope a desktop application on Linux: the icon in every hicolor size, the .desktop file, the
# AppStream metainfo, the man pages, and the Debian copyright and changelog files. Included from
# installer/CMakeLists.txt inside if(UNIX AND NOT APPLE); paths are GNUInstallDirs-relative.

set(linux_source_dir "${PROJECT_SOURCE_DIR}/resources/linux")
set(icon_source "${PROJECT_SOURCE_DIR}/resources/icons/hicolor/scalable/apps/${TUNNELSCOPE_APP_ID}.svg")
set(generated_dir "${CMAKE_CURRENT_BINARY_DIR}/linux")
# Debian wants the documentation under the package's name, not under CMAKE_INSTALL_DOCDIR's project name.
set(package_doc_dir "${CMAKE_INSTALL_DATAROOTDIR}/doc/${TUNNELSCOPE_PACKAGE_NAME}")

find_program(RSVG_CONVERT_EXECUTABLE rsvg-convert)
find_program(GZIP_EXECUTABLE gzip)
if(NOT RSVG_CONVERT_EXECUTABLE OR NOT GZIP_EXECUTABLE)
    message(FATAL_ERROR "The desktop files need rsvg-convert (Debian: librsvg2-bin) and gzip; "
                        "run installer/install-deps.sh as root")
endif()

# Computes the RFC 5322 date of a YYYY-MM-DD day, as debian/changelog wants it, without asking the build machine's
# clock (Sakamoto's day-of-week method).
function(tunnelscope_rfc5322_date iso_date out_var)
    string(REGEX MATCH "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$" matched "${iso_date}")
    if(NOT matched)
        message(FATAL_ERROR "TUNNELSCOPE_RELEASE_DATE must be YYYY-MM-DD, not \"${iso_date}\"")
    endif()
    math(EXPR year "${CMAKE_MATCH_1}")
    math(EXPR month "${CMAKE_MATCH_2}")
    math(EXPR day "${CMAKE_MATCH_3}")
    set(month_offsets 0 3 2 5 0 3 5 1 4 6 2 4)
    set(month_names Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
    set(day_names Sun Mon Tue Wed Thu Fri Sat)
    math(EXPR month_index "${month} - 1")
    list(GET month_offsets ${month_index} month_offset)
    list(GET month_names ${month_index} month_name)
    if(month LESS 3)
        math(EXPR year "${year} - 1")
    endif()
    math(EXPR weekday "(${year} + ${year} / 4 - ${year} / 100 + ${year} / 400 + ${month_offset} + ${day}) % 7")
    list(GET day_names ${weekday} day_name)
    set(${out_var} "${day_name}, ${CMAKE_MATCH_3} ${month_name} ${CMAKE_MATCH_1} 00:00:00 +0000" PARENT_SCOPE)
endfunction()

# Text files: version, date and app id come from the root CMakeLists.txt.
set(desktop_file "${generated_dir}/${TUNNELSCOPE_APP_ID}.desktop")
set(metainfo_file "${generated_dir}/${TUNNELSCOPE_APP_ID}.metainfo.xml")
configure_file("${linux_source_dir}/${TUNNELSCOPE_APP_ID}.desktop.in" "${desktop_file}" @ONLY)
configure_file("${linux_source_dir}/${TUNNELSCOPE_APP_ID}.metainfo.xml.in" "${metainfo_file}" @ONLY)
configure_file("${linux_source_dir}/copyright.in" "${generated_dir}/copyright" @ONLY)
tunnelscope_rfc5322_date("${TUNNELSCOPE_RELEASE_DATE}" TUNNELSCOPE_CHANGELOG_DATE)
configure_file("${linux_source_dir}/changelog.in" "${generated_dir}/changelog" @ONLY)

# Man pages and the changelog are shipped gzipped at maximum compression and without a timestamp (-n), so that
# the package is reproducible and lintian is content.
set(gzipped_files)
foreach(page tunnelscope.1 tunnelscope-cli.1)
    configure_file("${linux_source_dir}/${page}.in" "${generated_dir}/${page}" @ONLY)
    list(APPEND gzipped_files "${generated_dir}/${page}.gz")
endforeach()
list(APPEND gzipped_files "${generated_dir}/changelog.gz")
foreach(gzipped IN LISTS gzipped_files)
    string(REGEX REPLACE "\\.gz$" "" plain "${gzipped}")
    add_custom_command(OUTPUT "${gzipped}"
        COMMAND "${GZIP_EXECUTABLE}" -9 -n -k -f "${plain}"
        DEPENDS "${plain}"
        COMMENT "Compressing ${plain}"
        VERBATIM)
endforeach()

# The PNG icons are rendered from the one SVG at build time, so they can never drift from it.
set(TUNNELSCOPE_ICON_SIZES 16 24 32 48 64 128 256)
set(icon_files)
foreach(size IN LISTS TUNNELSCOPE_ICON_SIZES)
    set(icon_dir "${generated_dir}/icons/hicolor/${size}x${size}/apps")
    set(icon_file "${icon_dir}/${TUNNELSCOPE_APP_ID}.png")
    add_custom_command(OUTPUT "${icon_file}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${icon_dir}"
        COMMAND "${RSVG_CONVERT_EXECUTABLE}" --width ${size} --height ${size} --format png
                --output "${icon_file}" "${icon_source}"
        DEPENDS "${icon_source}"
        COMMENT "Rendering the ${size} px icon"
        VERBATIM)
    list(APPEND icon_files "${icon_file}")
    install(FILES "${icon_file}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps")
endforeach()

add_custom_target(tunnelscope_desktop_files ALL DEPENDS ${icon_files} ${gzipped_files})

install(FILES "${icon_source}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
install(FILES "${desktop_file}" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${metainfo_file}" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${generated_dir}/tunnelscope.1.gz" "${generated_dir}/tunnelscope-cli.1.gz"
    DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${generated_dir}/copyright" "${generated_dir}/changelog.gz" DESTINATION "${package_doc_dir}")

# The packaging tests (tests/installer) check these very files.
set(TUNNELSCOPE_DESKTOP_FILE "${desktop_file}" CACHE INTERNAL "")
set(TUNNELSCOPE_METAINFO_FILE "${metainfo_file}" CACHE INTERNAL "")
set(TUNNELSCOPE_ICON_SIZES "${TUNNELSCOPE_ICON_SIZES}" CACHE INTERNAL "")
set(TUNNELSCOPE_PACKAGE_DOC_DIR "${package_doc_dir}" CACHE INTERNAL "")

from django import template

register = template.Library()


@register.inclusion_tag("catalogue/partials/picture.html")
def picture(image_file, renditions, alt="", sizes="(min-width: 60rem) 25vw, 50vw", width=None, height=None, loading="lazy", css_class=""):
    """A <picture> with the WebP and JPEG web sizes of ``image_file`` when they exist, else the original.

    ``renditions`` is the mapping a view built with catalogue.renditions.renditions_by_source, so a
    page of pictures costs one query, not one per picture.
    """
    name = getattr(image_file, "name", image_file) or ""
    sizes_made = (renditions or {}).get(name, [])
    webp = [rendition for rendition in sizes_made if rendition.format == "webp"]
    jpeg = [rendition for rendition in sizes_made if rendition.format == "jpg"]
    fallback = next((rendition for rendition in jpeg if rendition.width >= 800), jpeg[-1] if jpeg else None)
    return {
        "webp_srcset": ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in webp),
        "jpeg_srcset": ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in jpeg),
        "src": fallback.file.url if fallback else (image_file.url if hasattr(image_file, "url") else ""),
        "alt": alt,
        "sizes": sizes,
        "width": width,
        "height": height,
        "loading": loading,
        "css_class": css_class,
    }

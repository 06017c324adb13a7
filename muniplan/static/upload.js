// The upload form's progress bar: htmx reports how much of the file has been sent.
document.addEventListener("htmx:xhr:progress", function (evt) {
  var bar = document.getElementById("upload-progress");
  if (bar && evt.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = (evt.detail.loaded / evt.detail.total) * 100;
  }
});
